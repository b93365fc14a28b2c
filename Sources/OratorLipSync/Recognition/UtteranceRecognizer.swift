import Foundation
import OratorCore

/// Feeds a recording to PocketSphinx in utterances of at most `maximumSeconds`, cut at the
/// quietest 100 ms of each stretch so that words are rarely split. Only the current utterance
/// is held, so memory does not grow with the recording.
struct UtteranceRecognizer {
    /// The longest utterance handed to the decoder at once.
    var maximumSeconds = 20.0
    /// Utterances are cut no earlier than this into the stretch.
    var minimumSeconds = 8.0

    private let decoder: PocketSphinxDecoder
    private var buffer: [Int16] = []
    private var bufferStart = 0
    private(set) var phones: [TimedPhone] = []
    /// Faint noise (about -60 dBFS) added before decoding. PocketSphinx normalizes cepstra over
    /// each utterance, and digital silence (as in synthesized or gated audio) throws that off so
    /// badly that it hears silence through whole sentences; a real room's noise floor is louder.
    private var dither = DitherNoise(amplitude: 30)

    init(decoder: PocketSphinxDecoder) {
        self.decoder = decoder
    }

    /// Adds samples in -1...1 at the decoder's sample rate.
    mutating func consume<C: Collection<Float>>(_ samples: C) throws(OratorError) {
        buffer.reserveCapacity(buffer.count + samples.count)
        for sample in samples {
            let value = (sample * 32767 + dither.next()).rounded()
            buffer.append(Int16(max(-32768, min(32767, value.isFinite ? value : 0))))
        }
        let rate = decoder.sampleRate
        while Double(buffer.count) >= maximumSeconds * Double(rate) {
            let cut = quietestCut(from: Int(minimumSeconds * Double(rate)), to: Int(maximumSeconds * Double(rate)))
            try decode(upTo: cut)
        }
    }

    /// Decodes what is left and returns all phones in time order.
    mutating func finish() throws(OratorError) -> [TimedPhone] {
        try decode(upTo: buffer.count)
        return phones
    }

    private mutating func decode(upTo cut: Int) throws(OratorError) {
        let utterance = Array(buffer[..<cut])
        let offset = Double(bufferStart) / Double(decoder.sampleRate)
        phones += try decoder.recognize(utterance, offset: offset)
        buffer.removeFirst(cut)
        bufferStart += cut
    }

    /// The start of the quietest 100 ms between two sample positions, on a 10 ms grid.
    private func quietestCut(from lower: Int, to upper: Int) -> Int {
        let hop = decoder.sampleRate / 100, span = decoder.sampleRate / 10
        var best = upper, bestEnergy = Float.infinity
        var position = lower
        while position + span <= min(upper, buffer.count) {
            var energy: Float = 0
            for index in stride(from: position, to: position + span, by: 4) {
                let value = Float(buffer[index]); energy += value * value
            }
            if energy < bestEnergy { bestEnergy = energy; best = position + span / 2 }
            position += hop
        }
        return best - best % hop
    }
}

/// Reproducible noise with a roughly Gaussian spread (a sum of four uniform values).
struct DitherNoise {
    /// Standard deviation in 16-bit sample units.
    let amplitude: Float
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(amplitude: Float) { self.amplitude = amplitude }

    mutating func next() -> Float {
        var sum: Float = 0
        for _ in 0..<4 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            sum += Float(state >> 40) / Float(1 << 24) - 0.5
        }
        // Four uniforms on -0.5...0.5 have a standard deviation of 0.577.
        return sum / 0.577 * amplitude
    }
}
