import Foundation
import OratorAudio
import OratorCore
import OratorTestSupport

/// Inputs for mix tests, made here: tones and noise from FFmpeg's lavfi sources, a synthetic
/// voice with known speech intervals, and real read speech from Debian's pocketsphinx-testdata.
enum MixFixtures {
    /// A sine tone bed of `seconds`, encoded by FFmpeg (`mp3`, `ogg`, `wav`... by extension), stereo.
    static func toneBed(_ url: URL, frequency: Double, seconds: Double, volume: Double = 0.5) throws {
        try MediaTool.run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                                     "sine=frequency=\(frequency):sample_rate=44100:duration=\(seconds)",
                                     "-af", "volume=\(volume)", "-ac", "2", url.path])
    }

    /// Pink noise of `seconds`, stereo, as a loud music-like bed.
    static func noiseBed(_ url: URL, seconds: Double) throws {
        try MediaTool.run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                                     "anoisesrc=color=pink:sample_rate=44100:amplitude=0.5:duration=\(seconds):seed=7",
                                     "-ac", "2", url.path])
    }

    /// A voiced, syllable-modulated signal (harmonics of `fundamental` Hz) inside `intervals`,
    /// silence elsewhere, written as a mono 16-bit WAV at 22.05 kHz like the espeak pipeline.
    static func syntheticVoice(_ url: URL, intervals: [ClosedRange<Double>], seconds: Double, fundamental: Double = 125) throws {
        let rate = 22_050
        let writer = try WAVFileWriter(url: url, sampleRate: rate)
        var samples = [Float](repeating: 0, count: Int(seconds * Double(rate)))
        for interval in intervals {
            let from = Int(interval.lowerBound * Double(rate)), to = min(samples.count, Int(interval.upperBound * Double(rate)))
            for index in from..<to {
                let t = Double(index) / Double(rate)
                let local = t - interval.lowerBound
                let syllable = 0.55 + 0.45 * sin(2 * Double.pi * 4 * local)
                let edge = min(1, local / 0.01, (interval.upperBound - t) / 0.01)
                var value = 0.0
                for harmonic in 1...12 { value += sin(2 * Double.pi * fundamental * Double(harmonic) * t) / Double(harmonic) }
                samples[index] = Float(0.25 * value * syllable * edge)
            }
        }
        try writer.append(samples)
        try writer.close()
    }

    /// Real read speech (16 kHz, about 7 s): a LibriVox recording shipped by pocketsphinx-testdata.
    static func realSpeech() throws -> URL {
        let url = URL(fileURLWithPath: "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MediaTool.Failure("install Debian's pocketsphinx-testdata for \(url.path)")
        }
        return url
    }
}

/// Level of one frequency in a stretch of audio (Goertzel with a Hann window), in dBFS of a sine.
enum ToneMeter {
    static func level(of samples: [Float], rate: Int, frequency: Double, from start: Double, to end: Double) -> Double {
        let from = Int(start * Double(rate)), to = min(samples.count, Int(end * Double(rate)))
        let count = to - from
        let omega = 2 * Double.pi * frequency / Double(rate)
        var s1 = 0.0, s2 = 0.0, windowSum = 0.0
        for index in 0..<count {
            let window = 0.5 - 0.5 * cos(2 * Double.pi * Double(index) / Double(count - 1))
            windowSum += window
            let s0 = Double(samples[from + index]) * window + 2 * cos(omega) * s1 - s2
            s2 = s1; s1 = s0
        }
        let power = s1 * s1 + s2 * s2 - 2 * cos(omega) * s1 * s2
        let amplitude = 2 * sqrt(max(0, power)) / windowSum
        return 20 * log10(max(amplitude, 1e-12))
    }
}
