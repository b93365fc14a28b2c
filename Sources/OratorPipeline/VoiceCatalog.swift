import Foundation
import OratorCore
import OratorSpeech

/// Turns a voice name into a speech engine: espeak-ng voices and languages (`en-us`, `de`).
public enum VoiceCatalog {
    /// The engine for `settings.voice`, checked (an unknown voice is an error naming it).
    public static func synthesizer(for settings: EspeakConfiguration) throws(OratorError) -> any SpeechSynthesizing {
        try EspeakSynthesizer(configuration: settings)
    }

    /// Every installed voice.
    public static func installed() throws(OratorError) -> [VoiceInfo] {
        try EspeakSynthesizer.installedVoices()
    }
}
