import Foundation

/// Turns audio, fed in chunks of any size, into `AcousticFeatures`: 25 ms Hamming windows every
/// 10 ms, pre-emphasis, an FFT power spectrum, mel band energies, a few spectral-shape
/// measures and, if asked, the first two formants. Only one window of audio is kept between
/// calls, so memory does not grow with the recording.
struct FeatureExtractor {
    /// Samples per second of the audio fed in.
    let sampleRate: Int
    private let windowLength: Int
    private let transform: FourierTransform
    private let filters: MelFilterBank
    /// Set when formants are measured.
    private let formantEstimator: FormantEstimator?
    private let window: [Float]
    private let binHz: Double
    private var pending: [Float] = []
    private var pendingStart = 0
    private var totalSamples = 0
    private var features = AcousticFeatures()
    private var frame: [Float]
    private var power: [Float]
    private var real: [Float]
    private var imaginary: [Float]
    private var bandPowers: [Float] = []
    private let bands: (flat: Range<Int>, low: Range<Int>, mid: Range<Int>, high: Range<Int>, all: Range<Int>)

    /// `formants`: also measure F1 and F2 of every frame (`AcousticFeatures.firstFormant`,
    /// `secondFormant`); without it those stay empty.
    init(sampleRate: Int, bandCount: Int = 26, formants: Bool = false) {
        self.sampleRate = sampleRate
        windowLength = Int((0.025 * Double(sampleRate)).rounded())
        var size = 2
        while size < windowLength { size *= 2 }
        transform = FourierTransform(size: size)
        binHz = Double(sampleRate) / Double(size)
        // The same bands at every sample rate, so recordings and synthesized speech compare band by
        // band; bands above a low rate's Nyquist frequency stay empty and alignment leaves them out.
        filters = MelFilterBank(filterCount: bandCount, lowerHz: 130, upperHz: 6800,
                                binCount: size / 2 + 1, binHz: binHz)
        formantEstimator = formants ? FormantEstimator(binHz: binHz, spectrumSize: size / 2 + 1) : nil
        let length = windowLength
        window = (0..<length).map { Float(0.54 - 0.46 * cos(2 * Double.pi * Double($0) / Double(length - 1))) }
        frame = [Float](repeating: 0, count: windowLength)
        power = [Float](repeating: 0, count: size / 2 + 1)
        real = [Float](repeating: 0, count: size)
        imaginary = [Float](repeating: 0, count: size)
        let hz = binHz, top = size / 2 + 1
        func bins(_ low: Double, _ high: Double) -> Range<Int> {
            let first = min(top - 1, max(1, Int((low / hz).rounded())))
            return first..<max(first + 1, min(top, Int((high / hz).rounded())))
        }
        bands = (bins(300, 5000), bins(200, 1000), bins(900, 3000), bins(3000, 8000), bins(100, 8000))
        features.bandCenters = filters.centers
        features.longTermSpectrum = [Double](repeating: 0, count: size / 2 + 1)
        features.longTermBinHz = binHz
    }

    /// Analyses `samples` (continuing where the previous call stopped).
    mutating func consume<C: Collection<Float>>(_ samples: C) {
        pending.append(contentsOf: samples)
        totalSamples += samples.count
        while true {
            let start = frameStart(features.frameCount)
            guard start + windowLength <= pendingStart + pending.count else { break }
            analyzeFrame(at: start - pendingStart)
        }
        let keep = frameStart(features.frameCount) - pendingStart
        if keep > 8192 {
            pending.removeFirst(keep)
            pendingStart += keep
        }
    }

    /// Analyses the frames that run past the end (zero-padded) and returns everything.
    mutating func finish() -> AcousticFeatures {
        let frames = Int((Double(totalSamples) * AcousticFeatures.frameRate / Double(sampleRate)).rounded(.down))
        while features.frameCount < frames {
            let needed = frameStart(features.frameCount) + windowLength - (pendingStart + pending.count)
            if needed > 0 { pending.append(contentsOf: repeatElement(0, count: needed)) }
            analyzeFrame(at: frameStart(features.frameCount) - pendingStart)
        }
        features.duration = Double(totalSamples) / Double(sampleRate)
        return features
    }

    private func frameStart(_ index: Int) -> Int {
        Int((Double(index) * Double(sampleRate) / AcousticFeatures.frameRate).rounded())
    }

    private mutating func analyzeFrame(at offset: Int) {
        var meanSquare: Float = 0
        var previous: Float = offset > 0 ? pending[offset - 1] : 0
        for index in 0..<windowLength {
            let sample = pending[offset + index]
            meanSquare += sample * sample
            frame[index] = (sample - 0.97 * previous) * window[index]
            previous = sample
        }
        features.levelDB.append(10 * log10(max(meanSquare / Float(windowLength), 1e-10)))
        frame.withUnsafeBufferPointer { input in
            transform.powerSpectrum(of: input, into: &power, real: &real, imaginary: &imaginary)
        }
        let scale = 1 / Float(windowLength * windowLength)
        for bin in power.indices {
            power[bin] *= scale
            features.longTermSpectrum[bin] += Double(power[bin])
        }
        bandPowers.removeAll(keepingCapacity: true)
        filters.apply(power, appendingTo: &bandPowers)
        for value in bandPowers { features.logMel.append(Float16(log(max(value, 1e-12)))) }
        features.flatness.append(flatness(bands.flat))
        features.lowCentroid.append(centroid(bands.low))
        features.midCentroid.append(centroid(bands.mid))
        let total = sum(bands.all)
        features.highShare.append(total > 0 ? sum(bands.high) / total : 0)
        if let formantEstimator {
            let formants = formantEstimator.formants(of: power)
            features.firstFormant.append(formants?.first ?? 0)
            features.secondFormant.append(formants?.second ?? 0)
        }
    }

    private func sum(_ range: Range<Int>) -> Float {
        var total: Float = 0
        for bin in range where bin < power.count { total += power[bin] }
        return total
    }

    private func centroid(_ range: Range<Int>) -> Float {
        var weighted: Float = 0, total: Float = 0
        for bin in range where bin < power.count {
            weighted += power[bin] * Float(Double(bin) * binHz)
            total += power[bin]
        }
        return total > 0 ? weighted / total : Float(Double(range.lowerBound + range.upperBound) * binHz / 2)
    }

    private func flatness(_ range: Range<Int>) -> Float {
        var logSum: Float = 0, linearSum: Float = 0, count: Float = 0
        for bin in range where bin < power.count {
            let value = max(power[bin], 1e-14)
            logSum += log(value)
            linearSum += value
            count += 1
        }
        guard count > 0, linearSum > 0 else { return 1 }
        return min(1, exp(logSum / count) / (linearSum / count))
    }
}
