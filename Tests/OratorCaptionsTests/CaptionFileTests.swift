import Foundation
import OratorCaptions
import OratorCore
import OratorTestSupport
import Testing

/// SRT and WebVTT files parse back (by a parser here and by FFmpeg's own demuxers) with the
/// segmenter's captions, timed on the speech.
@Suite struct CaptionFileTests {
    @Test(arguments: [CaptionFormat.srt, .vtt])
    func sidecarParsesBackOnTheSpeech(format: CaptionFormat) throws {
        let folder = try TemporaryFolder()
        let turns = CaptionFixtures.turns()
        let writer = CaptionWriter(style: CaptionStyle(videoWidth: 1920, videoHeight: 1080))
        let written = try writer.write(turns: turns, formats: [format], nextTo: folder.file("episode.mp4"), mediaDuration: 40)
        let url = try #require(written[format])
        #expect(url.lastPathComponent == "episode.\(format.rawValue)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [url.lastPathComponent])

        let text = try String(contentsOf: url, encoding: .utf8)
        if format == .vtt { #expect(text.hasPrefix("WEBVTT\n")) }
        let cues = try SubtitleParser.parse(text)
        let captions = try CaptionSegmenter().captions(for: turns, mediaDuration: 40)
        #expect(cues.count == captions.count)
        for (cue, caption) in zip(cues, captions) {
            #expect(abs(cue.start - caption.start) <= 0.0005 && abs(cue.end - caption.end) <= 0.0005)
            var expected = caption.lines
            expected[0] = (caption.label ?? "") + expected[0]
            if format == .vtt, let speaker = caption.speaker { expected[0] = "<v \(speaker)>" + expected[0] }
            #expect(cue.lines == expected)
        }
        // Every cue starts on a word and is mostly speech; cues do not overlap.
        let words = turns.flatMap(\.words)
        for (index, cue) in cues.enumerated() {
            #expect(words.contains { abs($0.start - cue.start) < 0.0005 }, "cue at \(cue.start) starts on no word")
            let speech = words.reduce(0.0) { $0 + max(0, min($1.end, cue.end) - max($1.start, cue.start)) }
            #expect(speech / (cue.end - cue.start) > 0.6)
            if index + 1 < cues.count { #expect(cue.end <= cues[index + 1].start) }
        }
        // FFmpeg's own demuxer reads the same cues at the same times.
        let packets = try MediaTool.packets(url)
        #expect(packets.count == cues.count)
        for (packet, cue) in zip(packets, cues) {
            #expect(abs(packet.start - cue.start) < 0.002 && abs(packet.end - cue.end) < 0.002, "\(packet) vs \(cue.start)-\(cue.end)")
        }
    }

    @Test func missingFolderIsAClearErrorAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let video = folder.file("no/such/folder/episode.mp4")
        let writer = CaptionWriter(style: CaptionStyle(videoWidth: 640, videoHeight: 360))
        do {
            try writer.write(turns: CaptionFixtures.turns(), formats: [.srt, .vtt], nextTo: video)
            Issue.record("writing into a missing folder should fail")
        } catch {
            #expect(error.code == .unwritableOutput)
            #expect(error.message.contains("no/such/folder"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func webVTTEscapesMarkup() throws {
        let turn = CaptionTurn(speaker: "A<B", words: [TimedWord(text: "Fish", start: 0, end: 0.4),
                                                        TimedWord(text: "&", start: 0.45, end: 0.6),
                                                        TimedWord(text: "<chips>", start: 0.65, end: 1.2)])
        let writer = CaptionWriter(style: CaptionStyle(videoWidth: 640, videoHeight: 360))
        let text = writer.text(try CaptionSegmenter().captions(for: [turn]), format: .vtt)
        #expect(text.contains("<v A&lt;B>A&lt;B: Fish &amp; &lt;chips&gt;"), "\(text)")
    }
}
