import Foundation
import OratorCore
import OratorLipSync
import OratorTestSupport
import Testing

@Suite("Lip sync on difficult input")
struct BadInputTests {
    /// Every result must cover the recording with cues, end to end, without gaps.
    func expectCovers(_ result: LipSyncResult, _ duration: Double) {
        #expect(abs(result.duration - duration) < 0.02)
        #expect(result.cues.first?.start == 0)
        #expect(abs((result.cues.last?.end ?? -1) - result.duration) < 1e-6)
        for (a, b) in zip(result.cues, result.cues.dropFirst()) { #expect(abs(a.end - b.start) < 1e-9) }
    }

    @Test(arguments: [nil, Fixtures.clipText])
    func silenceGivesRest(_ transcript: String?) throws {
        let scratch = try TemporaryFolder("lipsync")
        let folder = scratch.url
        let url = try Fixtures.wav(.silence(seconds: 2, sampleRate: 16_000), in: folder, name: "silence.wav")
        let result = try LipSyncEngine().analyze(audioURL: url, transcript: transcript)
        expectCovers(result, 2)
        #expect(result.cues.allSatisfy { $0.shape == .x })
        #expect(result.warnings.contains { $0.contains("no speech") })
    }

    @Test(arguments: [nil, Fixtures.clipText])
    func noiseGivesRest(_ transcript: String?) throws {
        let scratch = try TemporaryFolder("lipsync")
        let folder = scratch.url
        let url = try Fixtures.wav(Fixtures.noise(seconds: 2, sampleRate: 44_100, rms: 0.2), in: folder, name: "noise.wav")
        let result = try LipSyncEngine().analyze(audioURL: url, transcript: transcript)
        expectCovers(result, 2)
        #expect(result.cues.allSatisfy { $0.shape == .x })
    }

    @Test func clipShorterThanAFifthOfASecond() throws {
        let spoken = try Fixtures.spoken("Ma", wordsPerMinute: 200)
        let speechStart = try #require(spoken.timeline.phones.first { $0.phone != .silence }).start
        let start = Int(speechStart * Double(spoken.audio.sampleRate))
        let samples = Array(spoken.audio.samples[start..<min(spoken.audio.samples.count, start + spoken.audio.sampleRate * 15 / 100)])
        let clip = PCMBuffer(sampleRate: spoken.audio.sampleRate, samples: samples)
        for transcript in [nil, "Ma"] {
            let result = try LipSyncEngine().analyze(audio: clip, transcript: transcript)
            expectCovers(result, clip.duration)
            #expect(result.cues.contains { $0.shape != .x })
        }
    }

    @Test(arguments: [("tel.wav", ["-ar", "8000"]), ("stereo48.wav", ["-ar", "48000", "-ac", "2"]), ("stereo.mp3", ["-ar", "44100", "-ac", "2"])])
    func otherRatesChannelsAndFormats(_ name: String, _ arguments: [String]) throws {
        let scratch = try TemporaryFolder("lipsync")
        let folder = scratch.url
        let url = try Fixtures.convert(Fixtures.clip, to: folder.appendingPathComponent(name), arguments: arguments)
        let aligned = try LipSyncEngine().analyze(audioURL: url, transcript: Fixtures.clipText)
        expectCovers(aligned, 2.99)
        #expect(aligned.warnings.isEmpty)
        #expect(aligned.timeline.words.count == 8)
        let recognized = try LipSyncEngine().analyze(audioURL: url, transcript: nil)
        expectCovers(recognized, 2.99)
        #expect(recognized.timeline.phones.filter { $0.phone != .silence }.count >= 10)
    }

    @Test func missingAndUndecodableFilesFailClearly() throws {
        let scratch = try TemporaryFolder("lipsync")
        let folder = scratch.url
        let missing = folder.appendingPathComponent("nothing.wav")
        #expect { try LipSyncEngine().analyze(audioURL: missing, transcript: nil) } throws: { error in
            (error as? OratorError)?.code == .fileNotFound && "\(error)".contains(missing.path)
        }
        let text = folder.appendingPathComponent("notes.wav")
        try Data("these are not samples".utf8).write(to: text)
        #expect { try LipSyncEngine().analyze(audioURL: text, transcript: nil) } throws: { error in
            (error as? OratorError)?.code == .decodeFailed && "\(error)".contains(text.path)
        }
    }

    @Test func emptyTranscriptFallsBackToRecognition() throws {
        let result = try LipSyncEngine().analyze(audioURL: Fixtures.clip, transcript: "  \n ")
        #expect(result.method == .wordRecognition)
        #expect(result.warnings.contains { $0.contains("no words") })
    }

    @Test func unknownVoiceIsRejected() {
        #expect(throws: OratorError.self) { try LipSyncEngine(configuration: LipSyncConfiguration(voice: "xx-nonexistent")) }
    }
}

@Suite("Lip sync on clipped audio")
struct ClippedInputTests {
    @Test func fullScaleSamplesDoNotOverflow() throws {
        // A square wave at full scale: every sample is exactly -1 or 1, and dither must not
        // push any past the 16-bit range on its way to PocketSphinx.
        let samples = (0..<16_000).map { ($0 / 40) % 2 == 0 ? Float(1) : -1 }
        let result = try LipSyncEngine().analyze(audio: PCMBuffer(sampleRate: 16_000, samples: samples), transcript: nil)
        #expect(abs(result.duration - 1) < 0.02)
    }
}
