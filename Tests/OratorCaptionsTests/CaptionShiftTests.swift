import Foundation
import OratorCaptions
import OratorTestSupport
import Testing

/// Render chunks burn the episode's captions on their own clock: every event moves, events
/// that end before the chunk are dropped, times keep ASS's `H:MM:SS.cc` form.
@Suite struct CaptionShiftTests {
    static let source = """
        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
        Dialogue: 0,0:00:00.20,0:00:01.00,Caption,ALEX,0,0,0,,Gone before the chunk
        Dialogue: 0,0:00:01.00,0:00:03.25,Caption,ALEX,0,0,0,,Hello, world: with commas
        Dialogue: 0,0:59:59.50,1:00:10.00,Caption,SAM,0,0,0,,Late
        """

    func shifted(by seconds: Double) throws -> [String] {
        let folder = try TemporaryFolder("shift")
        let input = try folder.file("in.ass", contents: Self.source)
        let output = folder.file("out.ass")
        try CaptionShift.write(input, shiftedBy: seconds, to: output)
        return try String(contentsOf: output, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("Dialogue:") }.map(String.init)
    }

    @Test func earlierChunkStart() throws {
        #expect(try shifted(by: -1.5) == [
            "Dialogue: 0,0:00:00.00,0:00:01.75,Caption,ALEX,0,0,0,,Hello, world: with commas",
            "Dialogue: 0,0:59:58.00,1:00:08.50,Caption,SAM,0,0,0,,Late",
        ])
    }

    @Test func laterPastAnHour() throws {
        let lines = try shifted(by: 3600.25)
        #expect(lines.count == 3)
        #expect(lines[1] == "Dialogue: 0,1:00:01.25,1:00:03.50,Caption,ALEX,0,0,0,,Hello, world: with commas")
        #expect(lines[2].hasPrefix("Dialogue: 0,1:59:59.75,2:00:10.25,"))
    }
}
