import Foundation
import OratorAudio
import OratorCore

/// Per-frame spectrum levels and waveform points from the mixed audio, for the visualization.
/// Levels come from Goertzel filters at log-spaced band centres (60 Hz to 8 kHz) over a
/// 43 ms window; only the audio of the frames being rendered is read. With smoothing, a level
/// falls after a peak no faster than an exponential release over the frames before it (a fixed
/// number of them, so a frame's levels do not depend on where its chunk starts).
struct AudioVisualizer {
    static let bands = 24
    static let wavePoints = 96
    /// Analysis window, seconds.
    static let window = 0.043

    /// Frames before a frame that its smoothed levels look back on.
    static let releaseFrames = 12

    let audio: URL
    let fps: Double
    /// 0...1: the release's per-frame decay is `smoothing * 0.9`.
    let smoothing: Double
    /// Hann window and band centres for the mix's sample rate, made once per visualizer.
    private let hann: [Float]
    private let centres: [Double]

    init(audio: URL, fps: Double, smoothing: Double = 0, sampleRate: Int = 48_000) {
        self.audio = audio
        self.fps = fps
        self.smoothing = smoothing
        let samples = Int(Self.window * Double(sampleRate))
        hann = (0..<samples).map { Float(0.5 - 0.5 * cos(2 * .pi * Double($0) / Double(samples - 1))) }
        centres = (0..<Self.bands).map { 60 * pow(8000.0 / 60, Double($0) / Double(Self.bands - 1)) }
    }

    /// Levels and wave for frames `range`.
    func frames(_ range: Range<Int>) throws(OratorError) -> [(levels: [Float], wave: [Float])] {
        guard smoothing > 0, !range.isEmpty else { return try raw(range) }
        let lookBack = min(range.lowerBound, Self.releaseFrames)
        let all = try raw((range.lowerBound - lookBack)..<range.upperBound)
        let decay = Float(smoothing * 0.9)
        return (lookBack..<all.count).map { index in
            var levels = all[index].levels
            var weight: Float = 1
            for back in 1...Self.releaseFrames where index - back >= 0 {
                weight *= decay
                for band in levels.indices { levels[band] = max(levels[band], all[index - back].levels[band] * weight) }
            }
            return (levels, all[index].wave)
        }
    }

    /// Levels and wave for frames `range`, unsmoothed.
    private func raw(_ range: Range<Int>) throws(OratorError) -> [(levels: [Float], wave: [Float])] {
        guard !range.isEmpty else { return [] }
        let window = Self.window
        let start = Double(range.lowerBound) / fps - window
        let pcm = try WAVFileReader.read(audio, from: start, duration: Double(range.count) / fps + 2 * window)
        let rate = Double(pcm.sampleRate)
        let windowSamples = hann.count
        return range.map { frame in
            let time = Double(frame) / fps
            let centre = Int((time - start) * rate)
            let lower = max(0, centre - windowSamples / 2)
            let slice = Array(pcm.samples[lower..<min(pcm.samples.count, lower + windowSamples)])
            let levels = centres.map { Self.level(slice, hann: hann, frequency: $0, rate: rate) }
            let frameSamples = max(Self.wavePoints, Int(rate / fps))
            let waveStart = max(0, centre - frameSamples / 2)
            let waveSlice = pcm.samples[waveStart..<min(pcm.samples.count, waveStart + frameSamples)]
            return (levels, Self.wave(Array(waveSlice)))
        }
    }

    /// Goertzel power at `frequency`, mapped from -60...0 dBFS to 0...1.
    static func level(_ samples: [Float], hann: [Float], frequency: Double, rate: Double) -> Float {
        guard !samples.isEmpty else { return 0 }
        let coefficient = Float(2 * cos(2 * .pi * frequency / rate))
        var s1: Float = 0, s2: Float = 0
        for (index, sample) in samples.enumerated() {
            let s0 = sample * hann[min(index, hann.count - 1)] + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
        let amplitude = 2 * sqrt(max(0, power)) / Float(samples.count) * 2
        let decibels = 20 * log10(max(amplitude, 1e-6))
        return max(0, min(1, (decibels + 60) / 60))
    }

    /// Signed peaks of `wavePoints` equal buckets.
    static func wave(_ samples: [Float]) -> [Float] {
        guard !samples.isEmpty else { return [Float](repeating: 0, count: wavePoints) }
        let bucket = max(1, samples.count / wavePoints)
        return (0..<wavePoints).map { point in
            let slice = samples[min(samples.count - 1, point * bucket)..<min(samples.count, (point + 1) * bucket)]
            return slice.max { abs($0) < abs($1) } ?? 0
        }
    }
}
