import Foundation
import OratorCore
import OratorMix
import OratorTestSupport
import Testing

/// Bad inputs give one clear error naming the file, and leave nothing half-written.
@Suite struct BadInputTests {
    func voice(in folder: TemporaryFolder) throws -> URL {
        let url = folder.file("voice.wav")
        try MixFixtures.syntheticVoice(url, intervals: [0.5...1.5], seconds: 2)
        return url
    }

    func mixError(beds: [MusicBed], folder: TemporaryFolder) throws -> OratorError {
        let output = folder.file("out.wav")
        let speech = try voice(in: folder)
        do {
            _ = try PodcastMixer().mix(speech: speech, activity: [0.5...1.5], beds: beds, output: output)
        } catch {
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(folder.contents().allSatisfy { !$0.contains("partial") })
            return error
        }
        Issue.record("mixing with \(beds.map(\.file.lastPathComponent)) should have failed")
        return OratorError(.internalFailure, "no error")
    }

    @Test func undecodableMusicFileIsNamed() throws {
        let folder = try TemporaryFolder()
        let bad = folder.file("bed.mp3")
        try Data("this is not music, just text pretending to be an mp3\n".utf8).write(to: bad)
        let error = try mixError(beds: [MusicBed(file: bad)], folder: folder)
        #expect(error.code == .decodeFailed)
        #expect(error.message.contains("music file") && error.message.contains(bad.path), "\(error.message)")
    }

    @Test func musicFileWithoutAudioIsNamed() throws {
        let folder = try TemporaryFolder()
        let picture = folder.file("cover.png")
        try MediaTool.run("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "color=red:size=32x32", "-frames:v", "1", picture.path])
        let error = try mixError(beds: [MusicBed(file: picture, start: 0.2)], folder: folder)
        #expect(error.code == .decodeFailed)
        #expect(error.message.contains(picture.path))
    }

    @Test func missingMusicFileIsNamed() throws {
        let folder = try TemporaryFolder()
        let missing = folder.file("nowhere.ogg")
        let error = try mixError(beds: [MusicBed(file: missing)], folder: folder)
        #expect(error.code == .fileNotFound)
        #expect(error.message.contains(missing.path))
    }

    @Test func bedWithBackwardsTimesIsRejected() throws {
        let folder = try TemporaryFolder()
        let bed = folder.file("bed.wav")
        try MixFixtures.toneBed(bed, frequency: 440, seconds: 1)
        let error = try mixError(beds: [MusicBed(file: bed, start: 5, end: 2)], folder: folder)
        #expect(error.code == .invalidInput)
    }

    @Test func chapterOutsideTheAudioIsRejected() throws {
        let folder = try TemporaryFolder()
        let mix = folder.file("mix.wav")
        try MixFixtures.toneBed(mix, frequency: 300, seconds: 3)
        let output = folder.file("episode.m4a")
        #expect(throws: OratorError.self) {
            try AudioOnlyExporter().export(audio: mix, chapters: [PodcastChapter(title: "Late", start: 10)],
                                           metadata: PodcastMetadata(), to: output)
        }
        #expect(throws: OratorError.self) {
            try AudioOnlyExporter().export(audio: mix, chapters: [], metadata: PodcastMetadata(), to: folder.file("episode.ogg"))
        }
        #expect(folder.contents() == ["mix.wav"])
    }
}
