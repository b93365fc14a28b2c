import Foundation
import OratorCore
import OratorNeuralSpeech
import OratorSpeech

/// The voices a request may name, by provider: espeak-ng's installed voices and languages, and
/// the named Piper voices (installed or not). Read once at start.
struct VoiceDirectory: Sendable {
    struct Voice: Sendable, Codable {
        var id: String
        var provider: String
        var name: String
        var language: String
        var installed: Bool
    }

    let voices: [Voice]
    /// Providers this server speaks with.
    static let providers = ["espeak", "piper"]

    init() throws(OratorError) {
        var voices: [Voice] = []
        let neural = (try? NeuralVoiceCatalog.installedVoices()) ?? []
        for entry in NeuralVoiceCatalog.namedVoices {
            let installed = neural.first { $0.identifier == entry.name }
            voices.append(Voice(id: entry.name, provider: "piper", name: installed?.name ?? entry.name,
                                language: installed?.language ?? "en-us", installed: installed != nil))
        }
        for voice in try EspeakSynthesizer.installedVoices() {
            voices.append(Voice(id: voice.identifier, provider: "espeak", name: voice.name, language: voice.language, installed: true))
        }
        self.voices = voices
    }

    /// The voice `id` of `provider`, or a one-line reason it cannot be used.
    func check(provider: String, id: String) -> Result<Voice, APIError> {
        guard Self.providers.contains(provider) else {
            return .failure(.invalid("provider \"\(provider)\" is not available on this server: use \"espeak\" (espeak-ng voices) or \"piper\" (neural voices); GET /voices lists them"))
        }
        guard let voice = voices.first(where: { $0.provider == provider && $0.id.caseInsensitiveCompare(id) == .orderedSame }) else {
            return .failure(.invalid("unknown \(provider) voice \"\(id)\": GET /voices lists the voices of this server"))
        }
        guard voice.installed else {
            return .failure(.invalid("the \(provider) voice \"\(voice.id)\" is not installed on this server: run `orator voices install \(voice.id)` there"))
        }
        return .success(voice)
    }
}
