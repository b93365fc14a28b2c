import FaceShim
import Testing

@Suite("OpenCV runs on the caller's thread")
struct OpenCVThreadTests {
    /// The shim sets OpenCV to one thread per call while the program loads, before any OpenCV call:
    /// set later, from whichever call came first, it tore TBB's arena down under a second job's
    /// resize and crashed the server. This test runs before this process has made any OpenCV call
    /// only when run alone (`--filter OpenCVThread`), which is where it tells the two apart.
    @Test func setWhenTheProgramLoads() {
        #expect(fs_opencv_threads() == 1)
    }
}
