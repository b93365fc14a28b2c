internal import CEspeakNG
import Foundation
import OratorCore

/// Settings for the built-in libespeak-ng voice.
public struct EspeakConfiguration: Sendable, Codable, Equatable, CustomStringConvertible {
    /// An espeak-ng voice name or language, such as `en-us` or `de` (see `orator voices`).
    public var voice: String
    /// Speaking rate in words per minute, 80...450 (espeak-ng's default is 175).
    public var wordsPerMinute: Int
    /// Base pitch, 0...100 (default 50).
    public var pitch: Int

    public init(voice: String = "en-us", wordsPerMinute: Int = 165, pitch: Int = 50) {
        self.voice = voice
        self.wordsPerMinute = wordsPerMinute
        self.pitch = pitch
    }

    public var description: String { "espeak-ng \(voice), \(wordsPerMinute) wpm, pitch \(pitch)" }
}

/// The built-in speech engine: libespeak-ng, with exact phoneme and word timings from its events.
public struct EspeakSynthesizer: SpeechSynthesizing {
    public let configuration: EspeakConfiguration

    /// Checks the settings and that the voice exists.
    public init(configuration: EspeakConfiguration = EspeakConfiguration()) throws(OratorError) {
        guard (80...450).contains(configuration.wordsPerMinute) else {
            throw OratorError(.invalidInput, "invalid rate \(configuration.wordsPerMinute): espeak-ng speaks 80 to 450 words per minute")
        }
        guard (0...100).contains(configuration.pitch) else {
            throw OratorError(.invalidInput, "invalid pitch \(configuration.pitch): use 0 to 100")
        }
        self.configuration = configuration
        try EspeakSession.shared.withLibrary { () throws(OratorError) in try self.selectVoice() }
    }

    public var sampleRate: Int { EspeakSession.shared.sampleRate }

    public var engineDescription: String {
        "espeak-ng \(configuration.voice), \(configuration.wordsPerMinute) wpm, pitch \(configuration.pitch)"
    }

    public func synthesize(_ text: String) throws(OratorError) -> SpeechSegment {
        try EspeakSession.shared.withLibrary { () throws(OratorError) -> SpeechSegment in
            try selectVoice()
            try espeakCheck(espeak_SetParameter(espeakRATE, Int32(configuration.wordsPerMinute), 0), "cannot set the speaking rate")
            try espeakCheck(espeak_SetParameter(espeakPITCH, Int32(configuration.pitch), 0), "cannot set the pitch")
            espeakCollector = EspeakCollector()
            let bytes = Array(text.utf8) + [0]
            let flags = UInt32(espeakCHARS_UTF8)
            let status = bytes.withUnsafeBytes { raw in
                espeak_Synth(raw.baseAddress, raw.count, 0, POS_CHARACTER, 0, flags, nil, nil)
            }
            try espeakCheck(status, "espeak-ng could not speak the text")
            try espeakCheck(espeak_Synchronize(), "espeak-ng could not finish speaking")
            let collected = espeakCollector
            espeakCollector = EspeakCollector()
            return EspeakTimingBuilder(text: text, sampleRate: sampleRate).segment(from: collected)
        }
    }

    /// Selects the configured voice; must be called with the library held.
    private func selectVoice() throws(OratorError) {
        // espeak-ng picks a near match for a name it does not have ("klingon" -> some voice)
        // without saying so: only names, files and languages it lists are accepted.
        guard Self.isListed(configuration.voice) else {
            throw OratorError(.invalidInput, "unknown voice '\(configuration.voice)' (run `orator voices` to list installed voices)")
        }
        var status = espeak_SetVoiceByName(configuration.voice)
        if status != EE_OK {
            // Not a voice file name: select by language tag (what `orator voices` lists).
            status = configuration.voice.withCString { language in
                var spec = espeak_VOICE()
                spec.languages = language
                return espeak_SetVoiceByProperties(&spec)
            }
            if status == EE_OK, !Self.languageExists(configuration.voice) { status = EE_NOT_FOUND }
        }
        guard status == EE_OK else {
            throw OratorError(.invalidInput, "unknown voice '\(configuration.voice)' (run `orator voices` to list installed voices)")
        }
    }

    /// True if `voice` (before any `+variant`) is an installed voice's name, file name or language.
    private static func isListed(_ voice: String) -> Bool {
        let wanted = String(voice.split(separator: "+", maxSplits: 1).first ?? "")
        guard !wanted.isEmpty, let list = espeak_ListVoices(nil) else { return false }
        var index = 0
        while let entry = list[index] {
            index += 1
            let names = [entry.pointee.name, entry.pointee.identifier].compactMap { $0.map { String(cString: $0) } }
            for name in names where name.caseInsensitiveCompare(wanted) == .orderedSame
                || name.split(separator: "/").last.map({ $0.caseInsensitiveCompare(wanted) == .orderedSame }) == true {
                return true
            }
        }
        return languageExists(wanted)
    }

    /// True if an installed voice lists `language` as its own (espeak-ng otherwise picks any
    /// voice of a related language without saying so).
    private static func languageExists(_ language: String) -> Bool {
        guard let list = espeak_ListVoices(nil) else { return false }
        var index = 0
        while let voice = list[index] {
            index += 1
            guard var cursor = voice.pointee.languages else { continue }
            while cursor.pointee != 0 {
                let name = String(cString: cursor + 1)
                if name.caseInsensitiveCompare(language) == .orderedSame { return true }
                cursor += 1 + name.utf8.count + 1
            }
        }
        return false
    }

    /// The voices installed with espeak-ng-data.
    public static func installedVoices() throws(OratorError) -> [VoiceInfo] {
        try EspeakSession.shared.withLibrary { () throws(OratorError) -> [VoiceInfo] in
            guard let list = espeak_ListVoices(nil) else { return [] }
            var voices: [VoiceInfo] = []
            var index = 0
            while let voice = list[index] {
                index += 1
                let identifier = voice.pointee.identifier.map { String(cString: $0) } ?? ""
                let name = voice.pointee.name.map { String(cString: $0) } ?? identifier
                // `languages` is a priority byte, a NUL-terminated name, repeated; take the first.
                let language = voice.pointee.languages.map { String(cString: $0 + 1) } ?? ""
                voices.append(VoiceInfo(identifier: language.isEmpty ? identifier : language, name: name,
                                        language: language, sampleRate: EspeakSession.shared.sampleRate,
                                        engine: "espeak-ng"))
            }
            return voices.sorted { $0.identifier < $1.identifier }
        }
    }
}
