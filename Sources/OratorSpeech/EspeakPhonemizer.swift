internal import CEspeakNG
import Foundation
import OratorCore

/// One sentence of text and its IPA phonemes.
public struct PhonemizedSentence: Sendable, Equatable {
    /// The sentence as written, terminator included.
    public var text: String
    /// IPA phonemes as Piper voices were trained on them: libespeak-ng's IPA per clause, each
    /// clause followed by its punctuation, clauses joined by a space, canonically decomposed (NFD).
    public var phonemes: String

    public init(text: String, phonemes: String) {
        self.text = text
        self.phonemes = phonemes
    }
}

/// Text to IPA phonemes with libespeak-ng (`espeak_TextToPhonemes`), split into sentences.
///
/// This is the phonemizer neural voices trained on espeak-ng phonemes (Piper, Kokoro) expect.
public enum EspeakPhonemizer {
    /// Punctuation that ends a clause; the first three also end a sentence.
    private static let sentenceEnds: Set<Character> = [".", "?", "!"]
    private static let clauseEnds: Set<Character> = [".", "?", "!", ",", ";", ":"]

    /// Phonemizes `text` with the espeak-ng voice `voice` (such as `en-us`), one entry per sentence.
    public static func sentences(_ text: String, voice: String) throws(OratorError) -> [PhonemizedSentence] {
        let clauses = try EspeakSession.shared.withLibrary { () throws(OratorError) -> [(text: String, phonemes: String)] in
            guard espeak_SetVoiceByName(voice) == EE_OK else {
                throw OratorError(.invalidInput, "unknown espeak-ng voice '\(voice)' for phonemes (run `orator voices`)")
            }
            return clausePhonemes(text)
        }
        var sentences: [PhonemizedSentence] = []
        var current = PhonemizedSentence(text: "", phonemes: "")
        for clause in clauses {
            let terminator = clause.text.last.flatMap { clauseEnds.contains($0) ? $0 : nil }
            let phonemes = clause.phonemes.trimmingCharacters(in: .whitespaces)
            if !phonemes.isEmpty {
                if !current.phonemes.isEmpty { current.phonemes += " " }
                current.phonemes += phonemes + (terminator.map { String($0) } ?? "")
            }
            current.text += clause.text
            if let terminator, sentenceEnds.contains(terminator) { flush(&current, into: &sentences) }
        }
        flush(&current, into: &sentences)
        return sentences
    }

    private static func flush(_ sentence: inout PhonemizedSentence, into sentences: inout [PhonemizedSentence]) {
        let text = sentence.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !sentence.phonemes.isEmpty {
            sentences.append(PhonemizedSentence(text: text, phonemes: sentence.phonemes.decomposedStringWithCanonicalMapping))
        }
        sentence = PhonemizedSentence(text: "", phonemes: "")
    }

    /// Clauses with their source text. libespeak-ng reads a little past each clause's end, so a
    /// clause's text is cut after the last clause-ending mark it consumed; the rest starts the next.
    private static func clausePhonemes(_ text: String) -> [(text: String, phonemes: String)] {
        let bytes = Array(text.utf8) + [0]
        var clauses: [(text: String, phonemes: String)] = []
        bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            var cursor: UnsafeRawPointer? = base
            var textStart = 0
            while let before = cursor {
                let phonemes = espeak_TextToPhonemes(&cursor, Int32(espeakCHARS_UTF8), Int32(espeakPHONEMES_IPA))
                let consumedEnd = cursor.map { base.distance(to: $0) } ?? (bytes.count - 1)
                let consumed = String(decoding: buffer[base.distance(to: before)..<consumedEnd], as: UTF8.self)
                var end = consumedEnd
                if cursor != nil, let mark = consumed.lastIndex(where: { clauseEnds.contains($0) }) {
                    end = base.distance(to: before) + consumed.utf8.distance(from: consumed.startIndex, to: consumed.index(after: mark))
                }
                end = max(end, textStart)
                let clauseText = String(decoding: buffer[textStart..<end], as: UTF8.self)
                textStart = end
                clauses.append((clauseText, phonemes.map { String(cString: $0) } ?? ""))
            }
            if textStart < bytes.count - 1, !clauses.isEmpty {
                clauses[clauses.count - 1].text += String(decoding: buffer[textStart..<(bytes.count - 1)], as: UTF8.self)
            }
        }
        return clauses
    }
}
