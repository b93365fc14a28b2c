import Foundation
import OratorCore

/// Feeds a recording to PocketSphinx in utterances of at most `maximumSeconds`, cut at the
/// quietest 100 ms of each stretch so that words are rarely split. Only the utterances being
/// decoded are held, so memory does not grow with the recording.
///
/// With `parallel` above 1, that many utterances are decoded at once, each by its own decoder
/// on its own thread (word recognition is the slow part of lip sync without a transcript; two
/// decoders on two cores nearly halve it). Decoders beyond the first are made when a second
/// utterance is waiting, so a short clip loads one model.
struct UtteranceRecognizer {
    /// The longest utterance handed to the decoder at once.
    var maximumSeconds = 20.0
    /// Utterances are cut no earlier than this into the stretch.
    var minimumSeconds = 8.0

    private let makeDecoder: () throws(OratorError) -> PocketSphinxDecoder
    private let parallel: Int
    private let sampleRate: Int
    private var decoders: [PocketSphinxDecoder] = []
    private var buffer: [Int16] = []
    private var bufferStart = 0
    private var waiting: [(samples: [Int16], offset: Double)] = []
    private(set) var segments: [PocketSphinxDecoder.Segment] = []
    /// Faint noise (about -60 dBFS) added before decoding. PocketSphinx normalizes cepstra over
    /// each utterance, and digital silence (as in synthesized or gated audio) throws that off so
    /// badly that it hears silence through whole sentences; a real room's noise floor is louder.
    private var dither = DitherNoise(amplitude: 30)
    /// Dither only runs of digital silence, or every sample.
    private let ditherOnlySilence: Bool
    /// Consecutive samples so far that are digitally silent (under one 16-bit step).
    private var silentRun = 0

    /// `makeDecoder` builds one decoder; it is called once up front and again for each further
    /// parallel one. `ditherOnlySilence` leaves real signal untouched: on the librivox clips,
    /// dithering everything raised word recognition's error rate from 19.7% to 25.4%, while
    /// the phone recognizer's settings were measured with dither everywhere.
    init(parallel: Int = 1, ditherOnlySilence: Bool = false,
         makeDecoder: @escaping () throws(OratorError) -> PocketSphinxDecoder) throws(OratorError) {
        let first = try makeDecoder()
        self.makeDecoder = makeDecoder
        self.ditherOnlySilence = ditherOnlySilence
        self.parallel = max(1, parallel)
        sampleRate = first.sampleRate
        decoders = [first]
    }

    /// Adds samples in -1...1 at the decoder's sample rate.
    mutating func consume<C: Collection<Float>>(_ samples: C) throws(OratorError) {
        buffer.reserveCapacity(buffer.count + samples.count)
        for sample in samples {
            var value = sample * 32767
            if ditherOnlySilence {
                silentRun = abs(value) < 1 ? silentRun + 1 : 0
                // A run of 2 ms or more is digital silence, not a zero crossing.
                if silentRun >= sampleRate / 500 { value += dither.next() }
            } else {
                value += dither.next()
            }
            value = value.rounded()
            buffer.append(Int16(max(-32768, min(32767, value.isFinite ? value : 0))))
        }
        while Double(buffer.count) >= maximumSeconds * Double(sampleRate) {
            let cut = quietestCut(from: Int(minimumSeconds * Double(sampleRate)), to: Int(maximumSeconds * Double(sampleRate)))
            take(upTo: cut)
            if waiting.count >= parallel { try decodeWaiting() }
        }
    }

    /// Decodes what is left and returns every segment in time order.
    mutating func finish() throws(OratorError) -> [PocketSphinxDecoder.Segment] {
        take(upTo: buffer.count)
        try decodeWaiting()
        return segments
    }

    private mutating func take(upTo cut: Int) {
        guard cut > 0 else { return }
        waiting.append((Array(buffer[..<cut]), Double(bufferStart) / Double(sampleRate)))
        buffer.removeFirst(cut)
        bufferStart += cut
    }

    private mutating func decodeWaiting() throws(OratorError) {
        guard !waiting.isEmpty else { return }
        while decoders.count < waiting.count { decoders.append(try makeDecoder()) }
        for result in ParallelDecoding(decoders: decoders, utterances: waiting).run() { segments += try result.get() }
        waiting.removeAll(keepingCapacity: true)
    }

    /// The start of the quietest 100 ms between two sample positions, on a 10 ms grid.
    private func quietestCut(from lower: Int, to upper: Int) -> Int {
        let hop = sampleRate / 100, span = sampleRate / 10
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

/// Several utterances decoded at once, utterance `i` by decoder `i`, each on its own thread.
// Safe: each thread touches only its own decoder and its own slot of `results`, and `run`
// returns after every thread is done (concurrentPerform blocks until then).
private final class ParallelDecoding: @unchecked Sendable {
    private let decoders: [PocketSphinxDecoder]
    private let utterances: [(samples: [Int16], offset: Double)]
    private var results: [Result<[PocketSphinxDecoder.Segment], OratorError>]

    init(decoders: [PocketSphinxDecoder], utterances: [(samples: [Int16], offset: Double)]) {
        self.decoders = decoders
        self.utterances = utterances
        results = Array(repeating: .success([]), count: utterances.count)
    }

    func run() -> [Result<[PocketSphinxDecoder.Segment], OratorError>] {
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: utterances.count) { index in
                let utterance = utterances[index]
                slots[index] = Result { () throws(OratorError) in try decoders[index].recognize(utterance.samples, offset: utterance.offset) }
            }
        }
        return results
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
