import Foundation
import OratorCore
import OratorMix
import OratorTestSupport
import Testing

/// The audio-only podcast file carries chapters and a title that ffprobe reads back.
@Suite struct AudioOnlyExportTests {
    static let chapters = [
        PodcastChapter(title: "Welcome", start: 0),
        PodcastChapter(title: "Bees = good; #1 \\ fact", start: 4.5),
        PodcastChapter(title: "Wrap-up", start: 9.25),
    ]

    @Test(arguments: ["m4a", "mp3"])
    func chaptersAndTitleAppearInFFprobe(format: String) throws {
        let folder = try TemporaryFolder()
        let mix = folder.file("mix.wav")
        try MixFixtures.toneBed(mix, frequency: 300, seconds: 12)
        let output = folder.file("episode.\(format)")
        try AudioOnlyExporter().export(audio: mix, chapters: Self.chapters,
                                       metadata: PodcastMetadata(title: "Episode 1: Bees", artist: "Orator"), to: output)
        let probe = try MediaTool.probeJSON(output)
        let chapters = try #require(probe["chapters"] as? [[String: Any]])
        #expect(chapters.count == 3)
        for (found, expected) in zip(chapters, Self.chapters) {
            let title = (found["tags"] as? [String: Any])?["title"] as? String
            #expect(title == expected.title)
            let start = Double(found["start_time"] as? String ?? "") ?? -1
            #expect(abs(start - expected.start) < 0.01, "chapter '\(expected.title)' at \(start)")
        }
        let lastEnd = Double(chapters.last?["end_time"] as? String ?? "") ?? 0
        #expect(abs(lastEnd - 12) < 0.1)
        let tags = (probe["format"] as? [String: Any])?["tags"] as? [String: Any]
        #expect(tags?["title"] as? String == "Episode 1: Bees")
        let stream = try #require((probe["streams"] as? [[String: Any]])?.first)
        #expect(stream["codec_name"] as? String == (format == "m4a" ? "aac" : "mp3"))
        #expect(folder.contents() == ["episode.\(format)", "mix.wav"])
    }
}
