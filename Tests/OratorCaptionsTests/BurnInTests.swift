import Foundation
import OratorCaptions
import OratorCore
import OratorTestSupport
import Testing

/// The ASS file burns into video through FFmpeg's libass `subtitles` filter: text appears at
/// the bottom while a caption is up, the speaker's name in its colour, nothing elsewhere.
@Suite struct BurnInTests {
    static let background: UInt8 = 0x20

    /// Renders `seconds` of a plain background with the captions burnt in; frames as RGB24 at 10 fps.
    func burn(_ turns: [CaptionTurn], width: Int, height: Int, seconds: Double, folderName: String) throws -> [[UInt8]] {
        let folder = try TemporaryFolder(folderName)
        let writer = CaptionWriter(style: CaptionStyle(videoWidth: width, videoHeight: height))
        let ass = try #require(try writer.write(turns: turns, formats: [.ass], nextTo: folder.file("episode.mp4"))[.ass])
        let data = try MediaTool.output("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i",
                                           "color=c=0x202020:s=\(width)x\(height):d=\(seconds):r=10",
                                           "-vf", CaptionBurnIn.filter(for: ass), "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"])
        let size = width * height * 3
        return stride(from: 0, to: data.count - size + 1, by: size).map { Array(data[$0..<$0 + size]) }
    }

    /// Counts pixels in rows `rows` matching `test`.
    func count(_ frame: [UInt8], width: Int, rows: Range<Int>, columns: Range<Int>? = nil,
               _ test: (UInt8, UInt8, UInt8) -> Bool) -> Int {
        var total = 0
        for y in rows {
            for x in columns ?? 0..<width {
                let i = (y * width + x) * 3
                if test(frame[i], frame[i + 1], frame[i + 2]) { total += 1 }
            }
        }
        return total
    }

    @Test func captionsBurnInAtTheBottomWithTheSpeakerColour() throws {
        let words = "Hello and welcome to the show.".split(separator: " ").enumerated().map {
            TimedWord(text: String($0.element), start: 0.5 + Double($0.offset) * 0.3, end: 0.75 + Double($0.offset) * 0.3)
        }
        // A folder name with a space, comma, apostrophe, colon and brackets exercises the filter escaping.
        let frames = try burn([CaptionTurn(speaker: "Alex", words: words)], width: 640, height: 360, seconds: 3,
                              folderName: "burn it's, [odd]: name")
        #expect(frames.count == 30)
        let width = 640
        let white: (UInt8, UInt8, UInt8) -> Bool = { $0 > 220 && $1 > 220 && $2 > 220 }
        let gold: (UInt8, UInt8, UInt8) -> Bool = { $0 > 200 && $1 > 150 && $1 < 230 && $2 < 110 }
        let notBackground: (UInt8, UInt8, UInt8) -> Bool = { r, g, b in
            max(abs(Int(r) - 0x20), abs(Int(g) - 0x20), abs(Int(b) - 0x20)) > 12
        }
        let shown = frames[15]
        #expect(count(shown, width: width, rows: 250..<360, white) > 150, "caption text at the bottom")
        #expect(count(shown, width: width, rows: 250..<360, gold) > 40, "speaker name in gold")
        #expect(count(shown, width: width, rows: 0..<200, notBackground) == 0, "nothing drawn in the top half")
        #expect(count(frames[2], width: width, rows: 0..<360, notBackground) == 0, "nothing before the first word")
        #expect(count(frames[28], width: width, rows: 0..<360, notBackground) == 0, "nothing after the caption ends")
    }

    @Test func longLinesFitAVerticalFrame() throws {
        let frames = try burn(CaptionFixtures.turns(), width: 540, height: 960, seconds: 10, folderName: "vertical")
        let frame = frames[95] // 9.5 s: the two-line caption "...have / been falling for years."
        let notBackground: (UInt8, UInt8, UInt8) -> Bool = { r, g, b in
            max(abs(Int(r) - 0x20), abs(Int(g) - 0x20), abs(Int(b) - 0x20)) > 12
        }
        let text = count(frame, width: 540, rows: 700..<960, notBackground)
        #expect(text > 300, "caption visible")
        #expect(count(frame, width: 540, rows: 0..<960, columns: 0..<8, notBackground) == 0, "not clipped at the left")
        #expect(count(frame, width: 540, rows: 0..<960, columns: 532..<540, notBackground) == 0, "not clipped at the right")
    }
}
