import Foundation
import OratorCore
import OratorLipSync
import Testing

@Suite("Mouth cue and timing export")
struct ExporterTests {
    let cues = [
        MouthCue(shape: .x, start: 0, end: 0.05), MouthCue(shape: .d, start: 0.05, end: 0.27),
        MouthCue(shape: .c, start: 0.27, end: 0.31), MouthCue(shape: .g, start: 0.31, end: 0.43),
        MouthCue(shape: .x, start: 0.43, end: 0.478),
    ]

    @Test func tsvListsStartsAndEndsClosed() throws {
        let text = try MouthCueExporter().export(cues, duration: 0.478, soundFile: "hi.wav", format: .tsv)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.map { $0[0] } == ["0.00", "0.05", "0.27", "0.31", "0.43", "0.47"])
        #expect(lines.map { $0[1] } == ["X", "D", "C", "G", "X", "X"])
    }

    @Test func basicShapesOnlyCloseWithA() throws {
        let exporter = try MouthCueExporter(extendedShapes: [])
        let text = exporter.export(cues.map { MouthCue(shape: $0.shape == .x ? .a : $0.shape, start: $0.start, end: $0.end) },
                                   duration: 0.478, soundFile: "hi.wav", format: .tsv)
        #expect(text.hasSuffix("0.47\tA\n"))
    }

    @Test func jsonParsesBackContiguous() throws {
        let text = try MouthCueExporter().export(cues, duration: 0.478, soundFile: "C:\\voice \"1\".wav", format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["soundFile"] as? String == "C:\\voice \"1\".wav")
        #expect(metadata["duration"] as? Double == 0.47)
        let parsed = try #require(object["mouthCues"] as? [[String: Any]])
        #expect(parsed.compactMap { $0["value"] as? String } == ["X", "D", "C", "G", "X"])
        let starts = parsed.compactMap { $0["start"] as? Double }, ends = parsed.compactMap { $0["end"] as? Double }
        #expect(starts.first == 0 && ends.last == 0.47)
        #expect(Array(starts.dropFirst()) == Array(ends.dropLast()))
    }

    @Test func datUsesOneBasedFramesAndSkipsRepeats() throws {
        let exporter = try MouthCueExporter(framesPerSecond: 24)
        let lines = exporter.export(cues, duration: 0.478, soundFile: "", format: .dat).split(separator: "\n")
        // Starts 0, 0.05, 0.27, 0.31, 0.43 -> frames 1, 2, 7, 8, 11; end 0.47 -> 12.
        #expect(lines == ["MohoSwitch1", "1 X", "2 D", "7 C", "8 G", "11 X", "12 X"])
        let coarse = try MouthCueExporter(framesPerSecond: 10).export(cues, duration: 0.478, soundFile: "", format: .dat)
        // At 10 fps D starts in frame 1 like X before it, so it is left out; the end (frame 5,
        // like the last cue) moves to frame 6.
        #expect(coarse.split(separator: "\n").map(String.init) == ["MohoSwitch1", "1 X", "3 C", "4 G", "5 X", "6 X"])
    }

    @Test func datPrestonBlairNames() throws {
        let text = try MouthCueExporter(prestonBlairNames: true).export(cues, duration: 0.478, soundFile: "", format: .dat)
        #expect(text.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
                == ["MohoSwitch1", "rest", "AI", "E", "FV", "rest", "rest"])
    }

    @Test(arguments: [0.0, -5, 500, .nan])
    func rejectsBadFrameRates(_ fps: Double) {
        #expect(throws: OratorError.self) { try MouthCueExporter(framesPerSecond: fps) }
    }

    @Test func wordTimingsParseBack() throws {
        let timeline = SpeechTimeline(
            phones: [TimedPhone(phone: .silence, start: 0, end: 0.1), TimedPhone(phone: .hh, start: 0.1, end: 0.2),
                     TimedPhone(phone: .ay, start: 0.2, end: 0.4)],
            words: [TimedWord(text: "hi \"there\"", start: 0.1, end: 0.4)], duration: 0.5)
        let text = TimingExporter.json(timeline, soundFile: "hi.wav", method: .forcedAlignment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let words = try #require(object["words"] as? [[String: Any]])
        #expect(words.count == 1 && words[0]["word"] as? String == "hi \"there\"" && words[0]["end"] as? Double == 0.4)
        let phones = try #require(object["phones"] as? [[String: Any]])
        #expect(phones.compactMap { $0["phone"] as? String } == ["HH", "AY"])
        #expect((object["metadata"] as? [String: Any])?["method"] as? String == "forced-alignment")
    }
}
