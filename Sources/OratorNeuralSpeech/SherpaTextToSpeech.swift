internal import CSherpaOnnx
import Foundation
import OratorCore

/// What a sherpa-onnx VITS (Piper) engine is created with.
struct SherpaVitsSettings: Sendable, Equatable {
    /// An ONNX model that carries sherpa-onnx's metadata (`sample_rate`, `n_speakers`, ...).
    var modelPath: String
    /// A tokens file (`SYMBOL ID` per line).
    var tokensPath: String
    var threads: Int
    var noiseScale: Float
    var noiseScaleW: Float
    var lengthScale: Float
}

/// One loaded sherpa-onnx offline text-to-speech engine; frees it on deinit.
///
/// sherpa-onnx exits the process on a bad model instead of returning an error, so callers check
/// the files and the model's metadata (`OnnxModelFile`) before creating one.
final class SherpaTextToSpeech: @unchecked Sendable {
    // Safe: the handle is immutable and every call into it holds `lock`.
    private let handle: OpaquePointer
    private let lock = NSLock()
    /// The model's output sample rate in Hz.
    let sampleRate: Int

    init(_ settings: SherpaVitsSettings) throws(OratorError) {
        var config = SherpaOnnxOfflineTtsConfig()
        config.model.num_threads = Int32(settings.threads)
        config.model.debug = 0
        config.model.vits.noise_scale = settings.noiseScale
        config.model.vits.noise_scale_w = settings.noiseScaleW
        config.model.vits.length_scale = settings.lengthScale
        config.max_num_sentences = 1
        let created: OpaquePointer? = settings.modelPath.withCString { model in
            settings.tokensPath.withCString { tokens in
                "cpu".withCString { provider in
                    config.model.vits.model = model
                    config.model.vits.tokens = tokens
                    config.model.provider = provider
                    return SherpaOnnxCreateOfflineTts(&config)
                }
            }
        }
        guard let created else {
            throw OratorError(.speechFailed, "sherpa-onnx could not load the voice model \(settings.modelPath)")
        }
        handle = created
        sampleRate = Int(SherpaOnnxOfflineTtsSampleRate(created))
    }

    deinit {
        SherpaOnnxDestroyOfflineTts(handle)
    }

    /// Speaks one sentence given as phoneme codepoints; returns its samples (-1...1).
    func speak(phonemes: [Int32], speaker: Int) throws(OratorError) -> [Float] {
        guard !phonemes.isEmpty else { return [] }
        lock.lock()
        defer { lock.unlock() }
        var generation = SherpaOnnxGenerationConfig()
        generation.speed = 1
        generation.sid = Int32(speaker)
        generation.silence_scale = 0
        var length = Int32(phonemes.count)
        let audio = phonemes.withUnsafeBufferPointer { codepoints in
            withUnsafePointer(to: &length) { lengths in
                generation.phoneme_codepoints = codepoints.baseAddress
                generation.phoneme_codepoints_lens = lengths
                generation.phoneme_codepoints_num_sentences = 1
                return SherpaOnnxOfflineTtsGenerateWithConfig(handle, "", &generation, nil, nil)
            }
        }
        guard let audio else {
            throw OratorError(.speechFailed, "sherpa-onnx could not synthesize a sentence")
        }
        defer { SherpaOnnxDestroyOfflineTtsGeneratedAudio(audio) }
        guard let samples = audio.pointee.samples, audio.pointee.n > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: samples, count: Int(audio.pointee.n)))
    }
}
