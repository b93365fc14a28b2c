import Crypto
import Foundation
import OratorCore

/// A Piper voice converted into what sherpa-onnx reads: the model with sherpa-onnx's metadata
/// and a tokens file.
struct PreparedVoice: Sendable, Equatable {
    var modelURL: URL
    var tokensURL: URL
}

/// Orator's cache of converted voices: `$XDG_CACHE_HOME/orator/voices/<hash>/` (or
/// `~/.cache/orator/voices/<hash>/`), keyed by the SHA-256 of the voice's model and config and
/// the seed, so a changed voice file is converted afresh and an unchanged one only once.
struct NeuralVoiceCache: Sendable {
    /// Bump when the conversion changes, so old cache entries are not reused.
    static let formatVersion = "piper-sherpa-2"

    /// The cache's root folder.
    let root: URL

    /// The default location from `XDG_CACHE_HOME` or the home folder.
    static func defaultRoot() -> URL { CacheLocation.folder("voices") }

    init(root: URL = NeuralVoiceCache.defaultRoot()) {
        self.root = root
    }

    /// Checks the voice's model and returns its converted files, converting it on first use.
    /// The conversion is written to a temporary folder and renamed into place, so an interrupted
    /// run never leaves a half-converted voice.
    /// `seed` fixes the model's random noise (nil leaves it random in every run).
    func prepare(_ voice: PiperVoice, seed: Int?) throws(OratorError) -> PreparedVoice {
        let key = try Self.contentKey(voice, seed: seed)
        let folder = root.appendingPathComponent(key)
        let prepared = PreparedVoice(modelURL: folder.appendingPathComponent("model.onnx"),
                                     tokensURL: folder.appendingPathComponent("tokens.txt"))
        if FileManager.default.fileExists(atPath: prepared.modelURL.path),
           FileManager.default.fileExists(atPath: prepared.tokensURL.path) {
            return prepared
        }
        let model = try OnnxModelFile(url: voice.modelURL)
        try model.requirePiperInputs(voicePath: voice.modelURL.path)
        let tokens = try PiperTokenFile(phonemeIDMap: voice.config.phonemeIDMap)
        // A staging name of its own, so processes and threads converting at once never collide.
        let staging = root.appendingPathComponent(".\(key).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).partial")
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(tokens.text.utf8).write(to: staging.appendingPathComponent("tokens.txt"))
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw OratorError(.unwritableOutput, "cannot write the voice cache \(root.path)", cause: "\(error)")
        }
        do {
            try OnnxModelCopy(source: model, metadata: Self.metadata(for: voice), seed: seed)
                .write(to: staging.appendingPathComponent("model.onnx"))
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        if rename(staging.path, folder.path) != 0 {
            // Another process or thread finished the same conversion first: use its copy.
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: staging)
            guard FileManager.default.fileExists(atPath: prepared.modelURL.path) else {
                throw OratorError(.unwritableOutput, "cannot write the voice cache \(folder.path)", cause: reason)
            }
        }
        return prepared
    }

    /// The metadata sherpa-onnx reads from a Piper model (as its own Piper conversion writes it).
    static func metadata(for voice: PiperVoice) -> [(key: String, value: String)] {
        let config = voice.config
        return [
            ("model_type", "vits"),
            ("comment", "piper"),
            ("language", config.language?.nameEnglish ?? config.language?.code ?? config.espeak.voice),
            ("voice", config.espeak.voice),
            ("has_espeak", "1"),
            ("n_speakers", "\(max(1, config.numSpeakers ?? 1))"),
            ("sample_rate", "\(config.audio.sampleRate)"),
        ]
    }

    /// SHA-256 of the model, its config, the seed and the conversion format; hex, 32 characters.
    static func contentKey(_ voice: PiperVoice, seed: Int?) throws(OratorError) -> String {
        var hash = SHA256()
        hash.update(data: Data("\(formatVersion) seed \(seed.map(String.init) ?? "none")\n".utf8))
        for url in [voice.modelURL, voice.configURL] {
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw OratorError(.unreadableFile, "cannot read the voice file \(url.path)")
            }
            defer { try? handle.close() }
            do {
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
            } catch {
                throw OratorError(.unreadableFile, "cannot read the voice file \(url.path)", cause: "\(error)")
            }
        }
        return hash.finalize().prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
