import Foundation
import OratorAudio
import OratorCore
import OratorSpeech
import OratorTestSupport

/// Test recordings: synthesized by libespeak-ng (exact phone timings), made from numbers, or
/// shipped by Debian's pocketsphinx-testdata.
enum Fixtures {
    static let librivox = TestFixtures.librivox
    /// "he was not an ill disposed young man", 2.99 s of read speech at 16 kHz.
    static let clip = librivox.appendingPathComponent("sense_and_sensibility_01_austen_64kb-0880.wav")
    static let clipText = "he was not an ill disposed young man"

    /// Speaks `text` with an espeak-ng voice and rate unlike the aligner's own.
    static func spoken(_ text: String, voice: String = "en-us+m3", wordsPerMinute: Int = 135) throws -> SpeechSegment {
        try EspeakSynthesizer(configuration: EspeakConfiguration(voice: voice, wordsPerMinute: wordsPerMinute)).synthesize(text)
    }

    /// Writes mono samples as a 16-bit WAV file.
    static func wav(_ audio: PCMBuffer, in folder: URL, name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        let writer = try WAVFileWriter(url: url, sampleRate: audio.sampleRate)
        try writer.append(audio.samples)
        try writer.close()
        return url
    }

    /// Converts `input` with FFmpeg (`-ar`, `-ac`, output format from the extension).
    static func convert(_ input: URL, to output: URL, arguments: [String]) throws -> URL {
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        try ChildProcess.run(ffmpeg, ["-nostdin", "-v", "error", "-y", "-i", input.path] + arguments + [output.path], what: "test conversion")
        return output
    }

    /// Reproducible white noise at the given RMS level.
    static func noise(seconds: Double, sampleRate: Int, rms: Float) -> PCMBuffer {
        var state: UInt64 = 12345
        let count = Int(seconds * Double(sampleRate))
        let samples = (0..<count).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Float(state >> 40) / Float(1 << 24) - 0.5) * rms * 3.46
        }
        return PCMBuffer(sampleRate: sampleRate, samples: samples)
    }
}
