internal import CPocketSphinx
import Foundation
import OratorCore

/// One PocketSphinx decoder in allphone mode: it recognizes the phones of an utterance, with no
/// words and no dictionary. Owns its `ps_decoder_t` and configuration and frees them in `deinit`.
///
/// Not thread-safe (PocketSphinx decoders are not); each analysis creates its own, which costs
/// about 10 ms with context-independent phones.
final class PocketSphinxDecoder {
    private let config: OpaquePointer
    private let decoder: OpaquePointer
    /// Samples per second the decoder expects.
    let sampleRate: Int

    /// Loads the acoustic model in `modelDirectory` and the phone language model `phoneModel`.
    init(modelDirectory: String, phoneModel: String, sampleRate: Int, settings: [String: String]) throws(OratorError) {
        for path in [modelDirectory, phoneModel] where !FileManager.default.fileExists(atPath: path) {
            throw OratorError(.fileNotFound, "PocketSphinx model not found: \(path) (install pocketsphinx-en-us)")
        }
        self.sampleRate = sampleRate
        var fftSize = 256
        while Double(fftSize) < 0.025625 * Double(sampleRate) { fftSize *= 2 }
        var arguments = [
            "-hmm", modelDirectory, "-allphone", phoneModel, "-samprate", "\(sampleRate)", "-nfft", "\(fftSize)",
            "-upperf", "\(min(6800, Double(sampleRate) * 0.45))",
        ]
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

    /// PocketSphinx keeps global logging state; creating decoders is serialized.
    private static let lock = NSLock()

    /// Recognizes one utterance of 16-bit samples; phone times are in seconds from the start of
    /// the recording, `offset` being where the utterance begins.
    func recognize(_ samples: [Int16], offset: Double) throws(OratorError) -> [TimedPhone] {
        guard !samples.isEmpty else { return [] }
        try check(ps_start_utt(decoder), "could not start an utterance")
        let processed = samples.withUnsafeBufferPointer { buffer in
            ps_process_raw(decoder, buffer.baseAddress, buffer.count, 0, 1)
        }
        let ended = ps_end_utt(decoder)
        try check(processed < 0 ? processed : 0, "could not process audio")
        try check(ended, "could not finish an utterance")
        var phones: [TimedPhone] = []
        var segment = ps_seg_iter(decoder)
        while let current = segment {
            var first: Int32 = 0, last: Int32 = 0
            ps_seg_frames(current, &first, &last)
            let name = ps_seg_word(current).map { String(cString: $0) } ?? "SIL"
            let phone = Phone(arpabet: name) ?? .silence
            let start = offset + Double(first) / 100 + Self.frameCentreOffset
            let end = offset + Double(last + 1) / 100 + Self.frameCentreOffset
            if end > start { phones.append(TimedPhone(phone: phone, start: start, end: end, symbol: name)) }
            segment = ps_seg_next(current)
        }
        return phones
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
}
