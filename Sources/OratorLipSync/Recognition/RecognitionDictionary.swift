import Foundation
import OratorCore

/// The pronouncing dictionary a word decoder loads: the CMU dictionary cut to the words of the
/// language model. PocketSphinx's search never proposes a word its language model lacks, yet it
/// keeps every dictionary entry in memory; with `pocketsphinx-en-us` the cut keeps the 72,547
/// words the model knows and saves about 10 MB in each decoder.
///
/// The cut is made once and kept in Orator's cache (`$XDG_CACHE_HOME/orator/recognition/`, or
/// `~/.cache/orator/recognition/`) under a name made of the two files' paths, sizes and
/// modification times, so a changed model or dictionary is cut afresh. It is written atomically,
/// so a reader never sees half a file.
struct RecognitionDictionary {
    /// Bump when the cut changes, so old files are not reused.
    static let formatVersion = 1

    let root: URL

    init(root: URL = RecognitionDictionary.defaultRoot()) {
        self.root = root
    }

    /// `$XDG_CACHE_HOME/orator/recognition`, or `~/.cache/orator/recognition`.
    static func defaultRoot() -> URL { CacheLocation.folder("recognition") }

    /// The path of the cut dictionary for `dictionary` and `languageModel`, made now if it is not
    /// in the cache. When it cannot be made (the cache is not writable, say), the full dictionary:
    /// the words recognized are the same either way, only the decoder's memory differs.
    func path(dictionary: String, languageModel: String) -> String {
        guard let key = Self.key(dictionary: dictionary, languageModel: languageModel) else { return dictionary }
        let cut = root.appendingPathComponent("\(key).dict")
        if FileManager.default.fileExists(atPath: cut.path) { return cut.path }
        guard let entries = FileManager.default.contents(atPath: dictionary),
              let words = PocketSphinxDecoder.vocabulary(ofLanguageModel: languageModel) else { return dictionary }
        // Written atomically (a temporary file renamed into place); a process that cuts the
        // same pair at the same time writes the same bytes.
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Self.entries(of: entries, in: words).write(to: cut, options: .atomic)
        } catch {
            return dictionary
        }
        return cut.path
    }

    /// The lines of a PocketSphinx dictionary (`word PH O N E S`, alternatives as `word(2) ...`)
    /// whose word is in `words`, in their order.
    static func entries(of dictionary: Data, in words: Set<String>) -> Data {
        var kept = Data()
        kept.reserveCapacity(dictionary.count)
        for line in dictionary.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let end = line.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { continue }
            var word = line[line.startIndex..<end]
            if word.last == UInt8(ascii: ")"), let open = word.lastIndex(of: UInt8(ascii: "(")) { word = word[word.startIndex..<open] }
            guard words.contains(String(decoding: word, as: UTF8.self)) else { continue }
            kept.append(line)
            kept.append(UInt8(ascii: "\n"))
        }
        return kept
    }

    /// A file name for the pair: the format version, both sizes and modification times, and a
    /// hash of both paths; nil when either file cannot be read.
    static func key(dictionary: String, languageModel: String) -> String? {
        var parts = ["v\(formatVersion)"]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in [dictionary, languageModel] {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else { return nil }
            parts.append("\(size)-\(Int(modified.timeIntervalSince1970))")
            for byte in path.utf8 + [0] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return parts.joined(separator: "-") + "-" + String(hash, radix: 16)
    }
}
