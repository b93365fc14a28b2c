import Foundation
import OratorCore
import OratorMix
import OratorRender
import OratorTestSupport
import Testing
@testable import OratorPipeline

/// A small real voice: every paragraph is `seconds` of a 220 Hz tone, so where each heading
/// falls in the episode is known by arithmetic.
private struct ToneVoice: SpeechSynthesizing {
    let seconds: Double
    var sampleRate: Int { 16_000 }
    var engineDescription: String { "220 Hz tone" }

    func synthesize(_ text: String) throws(OratorError) -> SpeechSegment {
        let samples = (0..<Int(seconds * Double(sampleRate))).map { Float(0.3 * sin(2 * Double.pi * 220 * Double($0) / 16_000)) }
        let timeline = SpeechTimeline(phones: [TimedPhone(phone: .aa, start: 0, end: seconds)],
                                      words: [TimedWord(text: text, start: 0, end: seconds)], duration: seconds)
        return SpeechSegment(audio: PCMBuffer(sampleRate: sampleRate, samples: samples), timeline: timeline)
    }
}

/// Every pixel one colour: on a cover, the face's circle shows it.
private struct FlatRenderer: FrameRendering {
    let size: FrameSize
    func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        for index in stride(from: 0, to: buffer.pixels.count, by: 4) {
            buffer.pixels[index] = 200  // blue
            buffer.pixels[index + 1] = 40
            buffer.pixels[index + 2] = 30
            buffer.pixels[index + 3] = 255
        }
    }
}

@Suite("Upload-ready episodes: chapters in the video, the description, the cover")
struct EpisodeUploadTests {
    static let script = """
        ---
        title: Tone Show
        ---
        # Welcome
        First paragraph.
        # Middle part
        Second paragraph.
        [pause 1s]
        # The end
        Third paragraph.
        """

    @Test("the MP4's chapters start within a frame of the headings; the description lists them; the cover shows the face")
    func chaptersDescriptionCover() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("tone.txt", contents: Self.script)
        let settings = try SettingsResolver().resolve([SettingsLayer(size: "96x54")])
        var request = CreateRequest(speech: .script(script), output: folder.file("tone.mp4"), settings: settings)
        request.episode.music = .none
        request.episode.thumbnail = .besideOutput
        let engines = Engines(synthesizer: { _, _ in ToneVoice(seconds: 4) }, renderer: { _, size in FlatRenderer(size: size) })
        let summary = try TalkingHeadPipeline(engines: engines).create(request, cache: nil)

        // 0.3 s lead-in, 4 s paragraphs, a 1 s pause: headings at 0.3 (the first chapter starts at 0), 4.3 and 9.3 s.
        let expected = [("Welcome", 0.0), ("Middle part", 4.3), ("The end", 9.3)]
        let probe = try MediaTool.probeJSON(folder.file("tone.mp4"))
        let chapters = try #require(probe["chapters"] as? [[String: Any]])
        #expect(chapters.count == expected.count)
        for (found, (title, start)) in zip(chapters, expected) {
            #expect((found["tags"] as? [String: Any])?["title"] as? String == title)
            let measured = Double(found["start_time"] as? String ?? "") ?? -1
            #expect(abs(measured - start) <= 1.0 / 25, "chapter '\(title)' at \(measured) s, heading at \(start) s")
        }
        let end = Double(chapters.last?["end_time"] as? String ?? "") ?? 0
        #expect(abs(end - summary.videoSeconds) < 0.1, "the last chapter ends at \(end) s, the video at \(summary.videoSeconds) s")
        #expect(((probe["format"] as? [String: Any])?["tags"] as? [String: Any])?["title"] as? String == "Tone Show")
        let streams = try #require(probe["streams"] as? [[String: Any]])
        #expect(streams.contains { $0["codec_type"] as? String == "video" } && streams.contains { $0["codec_type"] as? String == "audio" })

        let description = try String(contentsOf: folder.file("tone.description.txt"), encoding: .utf8)
        #expect(description == "Tone Show\n\n00:00 Welcome\n00:04 Middle part\n00:09 The end\n")
        #expect(summary.notes.contains { $0.hasPrefix("description:") && $0.contains("at least 10 s") },
                "chapters under 10 s: the summary says YouTube will not show them, got \(summary.notes)")

        let cover = try FramePNG.read(from: folder.file("tone.thumbnail.png"))
        #expect(cover.size == FrameSize(width: 1280, height: 720))
        // The face's colour, exactly: a large disc, all of it on the right (the title is on the left).
        var face = (left: 0, right: 0)
        for index in stride(from: 0, to: cover.pixels.count, by: 4)
        where cover.pixels[index] == 200 && cover.pixels[index + 1] == 40 && cover.pixels[index + 2] == 30 {
            if index / 4 % 1280 < 640 { face.left += 1 } else { face.right += 1 }
        }
        #expect(face.right > 100_000 && face.left == 0, "face pixels: \(face)")
        #expect(Set(folder.contents()) == ["tone.txt", "tone.mp4", "tone.description.txt", "tone.thumbnail.png"])
    }

    @Test("headings with nothing spoken between them make one chapter; the first starts at 0 only when nothing is said before it")
    func chapterMarks() {
        var narration = Narration()
        narration.turns = [SpeakerTurn(speaker: nil, start: 0.3, end: 4.3, words: []), SpeakerTurn(speaker: nil, start: 5, end: 9, words: [])]
        narration.chapters = [.init(title: "Show", start: 0.3), .init(title: "Part one", start: 0.3), .init(title: "Part two", start: 4.6)]
        #expect(narration.podcastChapters(offset: 2) == [PodcastChapter(title: "Part one", start: 0), PodcastChapter(title: "Part two", start: 6.6)])
        narration.chapters = [.init(title: "Later", start: 4.6)]
        #expect(narration.podcastChapters(offset: 0) == [PodcastChapter(title: "Later", start: 4.6)])
    }

    @Test("YouTube timestamps: mm:ss under an hour, h:mm:ss from an hour, rounded down", arguments: [
        (0.0, "00:00"), (9.99, "00:09"), (61, "01:01"), (599.5, "09:59"), (3599.9, "59:59"), (3600, "1:00:00"), (3725.5, "1:02:05"),
        (36_000, "10:00:00"),
    ])
    func timestamps(_ seconds: Double, _ text: String) {
        #expect(EpisodeDescription.timestamp(seconds) == text)
    }

    @Test("YouTube shows chapters only from 00:00, three or more, each at least 10 s")
    func youTubeRule() {
        func description(_ starts: [Double], duration: Double) -> EpisodeDescription {
            EpisodeDescription(title: "T", chapters: starts.enumerated().map { PodcastChapter(title: "C\($0.offset)", start: $0.element) }, duration: duration)
        }
        #expect(description([0, 10, 20], duration: 30).showsAsYouTubeChapters)
        #expect(!description([0, 10, 20], duration: 29.9).showsAsYouTubeChapters, "the last is under 10 s")
        #expect(!description([0, 9.5, 20], duration: 40).showsAsYouTubeChapters, "the first is under 10 s")
        #expect(!description([0, 30], duration: 60).showsAsYouTubeChapters, "only two")
        #expect(!description([5, 30, 60], duration: 90).showsAsYouTubeChapters, "the first is not at 00:00")
        #expect(description([], duration: 10).text == "T\n")
    }
}
