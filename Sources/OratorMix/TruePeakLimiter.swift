import Foundation

/// A look-ahead peak limiter whose detector looks between samples (4x oversampled), so the
/// output's true peak stays under `ceiling`. Channels are linked (one gain for all), the gain
/// falls over the look-ahead window before a peak and recovers exponentially after it.
/// Output is delayed internally but handed back aligned: `flush()` returns the tail, and the
/// total output length equals the input length.
///
/// FFmpeg's `alimiter` only sees sample peaks and libebur128 only measures, so this is hand-written.
struct TruePeakLimiter {
    /// Channels per frame.
    let channels: Int
    /// Highest true peak allowed (linear).
    let ceiling: Float
    /// Largest gain reduction applied so far, in dB (positive).
    private(set) var maxReduction: Double = 0

    private let lookahead: Int
    private let releaseStep: Float
    private let detector = InterSampleDetector.shared
    // Input frames not yet emitted (interleaved), oldest first, starting at frame `inputBase`.
    private var input: [Float] = []
    private var inputBase = 0
    private var received = 0
    private var detected = 0
    // Sliding minimum of required gains over the look-ahead window (monotonic queue).
    private var minimumQueue: [(index: Int, gain: Float)] = []
    private var queueHead = 0
    private var released: Float = 1
    private var window: [Float]
    private var windowPosition = 0
    private var windowSum: Double
    private var emitted = 0

    /// A limiter with `lookahead` and `release` in seconds at `sampleRate`.
    init(channels: Int, sampleRate: Int, ceilingDecibels: Double, lookahead: Double = 0.005, release: Double = 0.1) {
        self.channels = channels
        self.ceiling = Float(Decibels.toAmplitude(ceilingDecibels))
        self.lookahead = max(InterSampleDetector.halfWidth + 1, Int((lookahead * Double(sampleRate)).rounded()))
        self.releaseStep = Float(1 - exp(-1 / (release * Double(sampleRate))))
        self.window = [Float](repeating: 1, count: self.lookahead + 1)
        self.windowSum = Double(self.lookahead + 1)
        // Lead-in silence gives the gain room to fall before a peak in the very first frames;
        // the frames it produces are dropped.
        input = [Float](repeating: 0, count: self.lookahead * channels)
        received = self.lookahead
    }

    /// Limits interleaved frames; returns the frames that are ready (the first calls return fewer).
    mutating func process(_ frames: [Float]) -> [Float] {
        input.append(contentsOf: frames)
        received += frames.count / channels
        return drain()
    }

    /// Returns the frames still held back, after the last `process`.
    mutating func flush() -> [Float] {
        // Zeros push the held-back frames through; exactly the real frames come out.
        let padding = InterSampleDetector.halfWidth + lookahead
        return process([Float](repeating: 0, count: padding * channels))
    }

    /// Detects peaks for every frame whose neighbours have arrived and emits every frame whose
    /// look-ahead is complete.
    private mutating func drain() -> [Float] {
        let half = InterSampleDetector.halfWidth
        var output: [Float] = []
        output.reserveCapacity(max(0, received - half - lookahead - emitted) * channels)
        while detected + half < received {
            let peak = detector.peak(around: detected, in: input, base: inputBase, channels: channels,
                                     framesAvailable: received, threshold: ceiling * 0.5)
            let required = peak > ceiling ? ceiling / peak : 1
            while minimumQueue.count > queueHead, minimumQueue[minimumQueue.count - 1].gain >= required { minimumQueue.removeLast() }
            minimumQueue.append((detected, required))
            detected += 1
            let frame = detected - 1 - lookahead
            guard frame >= 0 else { continue }
            while minimumQueue[queueHead].index < frame { queueHead += 1 }
            emit(frame: frame, lookaheadMinimum: minimumQueue[queueHead].gain, into: &output)
        }
        if queueHead > 4096 { minimumQueue.removeFirst(queueHead); queueHead = 0 }
        // Frames before the next one to emit are no longer needed (the detector reads ahead of it).
        let consumed = emitted - inputBase
        if consumed > 4096 {
            input.removeFirst(consumed * channels)
            inputBase += consumed
        }
        return output
    }

    /// Applies release smoothing and the look-ahead moving average, then writes frame `frame`.
    private mutating func emit(frame: Int, lookaheadMinimum: Float, into output: inout [Float]) {
        released = min(lookaheadMinimum, released + (1 - released) * releaseStep)
        windowSum += Double(released) - Double(window[windowPosition])
        window[windowPosition] = released
        windowPosition = (windowPosition + 1) % window.count
        let gain = Float(windowSum / Double(window.count))
        if gain < 1 { maxReduction = max(maxReduction, -Decibels.fromAmplitude(Double(gain))) }
        let start = (frame - inputBase) * channels
        if frame >= lookahead {
            for channel in 0..<channels { output.append(input[start + channel] * gain) }
        }
        emitted += 1
    }
}

/// Estimates the peak between samples with a 16-tap windowed-sinc interpolator at 1/4, 1/2 and 3/4.
struct InterSampleDetector: Sendable {
    /// Frames needed on each side of the one examined.
    static let halfWidth = 8
    /// The detector shared by all limiters (its taps never change).
    static let shared = InterSampleDetector()
    private let phases: [[Float]]

    private init() {
        let half = Self.halfWidth
        phases = (1...3).map { step in
            let fraction = Double(step) / 4
            let taps = (-(half - 1)...half).map { offset -> Double in
                let t = Double(offset) - fraction
                let sinc = t == 0 ? 1 : sin(Double.pi * t) / (Double.pi * t)
                let window = 0.5 + 0.5 * cos(Double.pi * t / (Double(half) + 0.5))
                return sinc * window
            }
            let sum = taps.reduce(0, +)
            return taps.map { Float($0 / sum) }
        }
    }

    /// The largest magnitude over all channels at frame `index` and between it and the next frame.
    /// Skips interpolation where the neighbouring samples are all below `threshold`.
    func peak(around index: Int, in input: [Float], base: Int, channels: Int, framesAvailable: Int, threshold: Float) -> Float {
        let half = Self.halfWidth
        func sample(_ frame: Int, _ channel: Int) -> Float {
            frame < base || frame >= framesAvailable ? 0 : input[(frame - base) * channels + channel]
        }
        var peak: Float = 0
        for channel in 0..<channels {
            var nearby: Float = 0
            for frame in (index - 1)...(index + 2) { nearby = max(nearby, abs(sample(frame, channel))) }
            peak = max(peak, abs(sample(index, channel)))
            guard nearby >= threshold else { continue }
            for taps in phases {
                var value: Float = 0
                for (tap, weight) in taps.enumerated() { value += weight * sample(index - (half - 1) + tap, channel) }
                peak = max(peak, abs(value))
            }
        }
        return peak
    }
}
