import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

/// dlib's face detector, decoded from dlib's headers once and then read back from Orator's cache.
@Suite("Face detector kept in the cache", .serialized)
struct DetectorCacheTests {
    @Test("the detector is kept the first time, read back after, replaced when damaged, and finds the same faces")
    func keptAndReadBack() throws {
        let folder = try TemporaryFolder("detector-cache")
        let photo = try TestFixtures.astronaut()
        let decoded = try FaceAnalyzer(detectorCache: nil).faces(inImageAt: photo)
        #expect(decoded.count == 1)
        #expect(folder.contents().isEmpty)

        let first = try FaceAnalyzer(detectorCache: folder.url).faces(inImageAt: photo)
        let kept = folder.contents()
        #expect(kept.count == 1 && kept.first?.hasPrefix("frontal_face_detector-dlib-") == true)
        let file = folder.file(try #require(kept.first))
        let written = try Data(contentsOf: file)
        #expect(written.count > 100_000)

        let readBack = try FaceAnalyzer(detectorCache: folder.url).faces(inImageAt: photo)
        #expect(try Data(contentsOf: file) == written)

        try Data("not a detector".utf8).write(to: file)
        let repaired = try FaceAnalyzer(detectorCache: folder.url).faces(inImageAt: photo)
        #expect(try Data(contentsOf: file) == written)
        #expect(folder.contents().count == 1)

        for faces in [first, readBack, repaired] {
            #expect(faces.map(\.box) == decoded.map(\.box))
            #expect(faces.map(\.points) == decoded.map(\.points))
        }
    }

    @Test("a cache folder that cannot be made still gives a working detector")
    func unwritableFolder() throws {
        let analyzer = try FaceAnalyzer(detectorCache: URL(fileURLWithPath: "/proc/orator-no-cache/face"))
        #expect(try analyzer.faces(inImageAt: try TestFixtures.astronaut()).count == 1)
    }
}
