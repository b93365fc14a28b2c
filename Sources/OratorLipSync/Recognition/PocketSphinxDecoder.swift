internal import CPocketSphinx
import Foundation
import OratorCore

/// One PocketSphinx decoder: in allphone mode it recognizes the phones of an utterance with no
/// words and no dictionary; in word mode it recognizes words with a language model and a
/// pronouncing dictionary, and rates each word by its lattice posterior. Owns its `ps_decoder_t`
/// and configuration and frees them in `deinit`.
///
/// Not thread-safe (PocketSphinx decoders are not); each analysis creates its own, which costs
/// about 10 ms with context-independent phones and about 0.4 s with the word model.
final class PocketSphinxDecoder {
    /// What the decoder searches for.
    enum Search: Sendable, Equatable {
        /// Phones, with a phone language model (`en-us-phone.lm.bin`).
        case phones(languageModel: String)
        /// Words, with a word language model (`en-us.lm.bin`) and a dictionary (`cmudict-en-us.dict`).
        case words(languageModel: String, dictionary: String)
    }

    /// One recognized phone or word (or a silence or noise marker such as `<sil>`, `[NOISE]`).
    struct Segment: Sendable, Equatable {
        /// PocketSphinx's name for it: a phone, or a dictionary word (`leisure(2)` for its second pronunciation).
        var symbol: String
        var start: Double
        var end: Double
        /// Word mode: the share of lattice paths with this word at its middle frame (0...1).
        var confidence: Double?
    }

    private let config: OpaquePointer
    private let decoder: OpaquePointer
    private let search: Search
    /// Samples per second the decoder expects.
    let sampleRate: Int

    /// Loads the acoustic model in `modelDirectory` and what `search` names.
    init(modelDirectory: String, search: Search, sampleRate: Int, settings: [String: String]) throws(OratorError) {
        var arguments = ["-hmm", modelDirectory]
        var files = [modelDirectory]
        switch search {
        case let .phones(languageModel):
            arguments += ["-allphone", languageModel]
            files.append(languageModel)
        case let .words(languageModel, dictionary):
            arguments += ["-lm", languageModel, "-dict", dictionary]
            files += [languageModel, dictionary]
        }
        for path in files where !FileManager.default.fileExists(atPath: path) {
            throw OratorError(.fileNotFound, "PocketSphinx model not found: \(path) (install pocketsphinx-en-us)")
        }
        self.sampleRate = sampleRate
        self.search = search
        var fftSize = 256
        while Double(fftSize) < 0.025625 * Double(sampleRate) { fftSize *= 2 }
        arguments += ["-samprate", "\(sampleRate)", "-nfft", "\(fftSize)", "-upperf", "\(min(6800, Double(sampleRate) * 0.45))"]
        for (name, value) in settings.sorted(by: { $0.key < $1.key }) { arguments += [name, value] }
        let made: (config: OpaquePointer, decoder: OpaquePointer)? = PocketSphinxDecoder.lock.withLock {
            err_set_logfp(nil)
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
            defer { argv.forEach { free($0) } }
            guard let config = cmd_ln_parse_r(nil, ps_args(), Int32(argv.count), &argv, 1) else { return nil }
            guard let decoder = ps_init(config) else { cmd_ln_free_r(config); return nil }
            return (config, decoder)
        }
        guard let made else {
            throw OratorError(.internalFailure, "PocketSphinx could not load its model from \(modelDirectory)",
                              cause: "settings: \(arguments.joined(separator: " "))")
        }
        config = made.config
        decoder = made.decoder
    }

    deinit {
        ps_free(decoder)
        cmd_ln_free_r(config)
    }

    /// Where the boundary between PocketSphinx frames k-1 and k lies, relative to k / 100 s:
    /// frame k analyses the 25.6 ms window starting at k / 100 s, so it describes the sound around
    /// its centre, 12.8 ms in, and the boundary is midway between two centres, 7.8 ms after k / 100 s.
    /// (Counting from k / 100 s, recognized phones started 16 ms before espeak-ng's on median.)
    static let frameCentreOffset = 0.0256 / 2 - 0.005

    /// The words of the language model at `path` (`<s>` and `</s>` among them), or nil when it
    /// cannot be read. Loads the model on its own for the moment it takes (about 0.1 s).
    static func vocabulary(ofLanguageModel path: String) -> Set<String>? {
        lock.withLock { () -> Set<String>? in
            err_set_logfp(nil)
            guard let logMath = logmath_init(1.0001, 0, 0) else { return nil }
            defer { logmath_free(logMath) }
            guard let model = ngram_model_read(nil, path, NGRAM_AUTO, logMath) else { return nil }
            defer { ngram_model_free(model) }
            guard let counts = ngram_model_get_counts(model) else { return nil }
            var words = Set<String>(minimumCapacity: Int(counts[0]))
            for wid in 0..<Int32(counts[0]) {
                if let word = ngram_word(model, wid) { words.insert(String(cString: word)) }
            }
            return words
        }
    }

    /// PocketSphinx keeps global logging state; creating decoders is serialized.
    private static let lock = NSLock()

    /// Recognizes one utterance of 16-bit samples; times are in seconds from the start of the
    /// recording, `offset` being where the utterance begins.
    func recognize(_ samples: [Int16], offset: Double) throws(OratorError) -> [Segment] {
        guard !samples.isEmpty else { return [] }
        try check(ps_start_utt(decoder), "could not start an utterance")
        let processed = samples.withUnsafeBufferPointer { buffer in
            ps_process_raw(decoder, buffer.baseAddress, buffer.count, 0, 1)
        }
        let ended = ps_end_utt(decoder)
        try check(processed < 0 ? processed : 0, "could not process audio")
        try check(ended, "could not finish an utterance")
        var segments: [(symbol: String, first: Int32, last: Int32)] = []
        var iterator = ps_seg_iter(decoder)
        while let current = iterator {
            var first: Int32 = 0, last: Int32 = 0
            ps_seg_frames(current, &first, &last)
            segments.append((ps_seg_word(current).map { String(cString: $0) } ?? "<sil>", first, last))
            iterator = ps_seg_next(current)
        }
        var confidences: [Double?] = Array(repeating: nil, count: segments.count)
        if case .words = search {
            let links = latticeLinks()
            for (index, segment) in segments.enumerated() {
                confidences[index] = Self.posterior(of: Self.baseWord(segment.symbol), at: (segment.first + segment.last) / 2, in: links)
            }
        }
        return segments.enumerated().compactMap { index, segment in
            let start = offset + Double(segment.first) / 100 + Self.frameCentreOffset
            let end = offset + Double(segment.last + 1) / 100 + Self.frameCentreOffset
            return end > start ? Segment(symbol: segment.symbol, start: start, end: end, confidence: confidences[index]) : nil
        }
    }

    /// A lattice edge: a word hypothesis over frames `first...last` with its posterior probability.
    private struct Link {
        var word: String
        var first: Int32
        var last: Int32
        var posterior: Double
    }

    /// Every edge of the last utterance's word lattice with its posterior (empty if PocketSphinx made none).
    private func latticeLinks() -> [Link] {
        guard let lattice = ps_get_lattice(decoder) else { return [] }
        let languageModel = ps_get_lm(decoder, ps_get_search(decoder))
        // Bestpath must run before posteriors; its own result is not used (the first pass's
        // hypothesis has fewer word errors on the librivox clips: 19.7% against 25.4%).
        guard ps_lattice_bestpath(lattice, languageModel, 1, Self.acousticScale) != nil else { return [] }
        _ = ps_lattice_posterior(lattice, languageModel, Self.acousticScale)
        let logMath = ps_lattice_get_logmath(lattice)
        var links: [Link] = []
        var edge = ps_lattice_traverse_edges(lattice, nil, nil)
        while let current = edge {
            var start: Int16 = 0
            let end = ps_latlink_times(current, &start)
            var acoustic: Int32 = 0
            let posterior = logmath_exp(logMath, ps_latlink_prob(lattice, current, &acoustic))
            if let word = ps_latlink_baseword(lattice, current) {
                links.append(Link(word: String(cString: word), first: Int32(start), last: Int32(end), posterior: posterior))
            }
            edge = ps_lattice_traverse_next(lattice, nil)
        }
        return links
    }

    /// The acoustic scale for lattice posteriors: one over PocketSphinx's `-ascale` default of 20, as its own bestpath uses.
    private static let acousticScale: Float = 1 / 20

    /// The summed posterior of the lattice edges that put `word` at `frame`.
    private static func posterior(of word: String, at frame: Int32, in links: [Link]) -> Double {
        var sum = 0.0
        for link in links where link.word == word && link.first <= frame && frame <= link.last { sum += link.posterior }
        return min(1, sum)
    }

    /// A dictionary entry without its pronunciation number: `leisure(2)` -> `leisure`.
    static func baseWord(_ symbol: String) -> String {
        guard symbol.hasSuffix(")"), let open = symbol.lastIndex(of: "(") else { return symbol }
        return String(symbol[..<open])
    }

    private func check(_ status: Int32, _ what: String) throws(OratorError) {
        guard status >= 0 else {
            throw OratorError(.internalFailure, "PocketSphinx \(what)", cause: "status \(status)")
        }
    }
}

extension PocketSphinxDecoder {
    /// Context-independent phones: about 20x faster than triphones here, with similar phones
    /// (see BENCHMARKS.md); the beams are PocketSphinx's allphone defaults. Each frame is scored
    /// with the 8 best Gaussians of each codebook instead of 4: more exact likelihoods for about
    /// 15% more time (jaw agreement with the aligned track on the librivox clips 76.7 -> 77.9%).
    /// Wider beams, other language-model weights and insertion penalties changed nothing or
    /// made it worse.
    static let fastSettings: [String: String] = ["-allphone_ci": "yes", "-topn": "8"]

    /// Word recognition: the first (tree) pass only, at most 3000 active HMMs per frame. On the
    /// librivox clips (scripts/bench-lipsync) this is 2.4x faster than PocketSphinx's defaults
    /// in CPU time with a lower word error rate (19.7% against 26.8%): the flat second pass and
    /// the lattice's best path both added errors there.
    static let wordSettings: [String: String] = ["-fwdflat": "no", "-bestpath": "no", "-maxhmmpf": "3000"]
}
