import Foundation
import OratorTestSupport
import Testing

/// Burnt-in captions go through FFmpeg's `subtitles=` filter with the caption file's path in it:
/// a path holding `:` and `,` (here the temporary folder the run works in) must still burn.
@Suite("orator create --captions burn")
struct BurnInEndToEndTests {
    @Test("captions burn in when the caption file's path holds ':' and ','")
    func burnsWithColonAndCommaInPath() throws {
        let folder = try TemporaryFolder("burn")
        let scratch = folder.file("work: one, two [x]")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let script = try folder.file("show.txt", contents: "ALEX: Hello there, and welcome to the show about captions.")
        let burnt = folder.file("burnt.mp4"), plain = folder.file("plain.mp4")
        let size = 192
        for (output, captions) in [(burnt, ["--captions", "burn"]), (plain, [])] {
            let result = try OratorBinary.run(["create", script.path, "-o", output.path, "--size", "\(size)", "--no-cache", "-q"] + captions,
                                              environment: ["TMPDIR": scratch.path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let withCaptions = try MediaTool.grayFrames(burnt, width: size, height: size)
        let without = try MediaTool.grayFrames(plain, width: size, height: size)
        #expect(withCaptions.count == without.count && !withCaptions.isEmpty)
        // The bottom fifth of the picture, where captions sit, differs in many frames; the top does not.
        let bottom = (size * 4 / 5 * size)..<(size * size), top = 0..<(size * size / 5)
        func changed(_ range: Range<Int>) -> Int {
            zip(withCaptions, without).filter { a, b in range.contains { abs(Int(a[$0]) - Int(b[$0])) > 40 } }.count
        }
        #expect(changed(bottom) > withCaptions.count / 3, "captions changed the bottom of \(changed(bottom)) of \(withCaptions.count) frames")
        #expect(changed(top) == 0)
    }
}
