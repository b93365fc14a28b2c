import Foundation

/// Estimates the first two formants (vocal tract resonances) of a frame by selective linear
/// prediction (Makhoul 1975): the frame's power spectrum below `upperHz` is treated as the whole
/// spectrum of a signal sampled at fs = `2 * upperHz`, its autocorrelation is the inverse
/// transform of that band, Levinson-Durbin recursion fits an all-pole model of the textbook order
/// 2 + fs / 1 kHz (12 for the 5 kHz band), and the model's poles with narrow bandwidths, found by
/// Durand-Kerner iteration, are the formants.
///
/// The first formant rises as the jaw opens (about 300 Hz for "ee" and "oo", 700-800 Hz for
/// "ah"); the second is high for front vowels and falls with lip rounding.
struct FormantEstimator: Sendable {
    /// Top of the analysed band; F1 and F2 of any voice lie well below it.
    let upperHz: Double
    /// Order of the all-pole model: one pole pair per kilohertz of band, plus two for the
    /// glottal and radiation tilt.
    let order: Int
    /// Poles whose bandwidth is wider than this are spectral tilt, not formants.
    var maximumBandwidthHz = 500.0
    /// Resonances below this are the voice's own pitch or the glottal pulse, not F1.
    var minimumHz = 180.0
    private let binCount: Int
    /// `cosines[k][b]`: cos(pi k b / binCount), the inverse transform for autocorrelation lag k.
    private let cosines: [[Float]]

    /// Prepares for power spectra whose bins are `binHz` apart, `spectrumSize` bins in all.
    init(binHz: Double, spectrumSize: Int, upperHz: Double = 5000) {
        let usable = min(upperHz, binHz * Double(spectrumSize - 1))
        binCount = max(8, Int((usable / binHz).rounded(.down)))
        self.upperHz = Double(binCount) * binHz
        order = 2 + 2 * Int((self.upperHz / 1000).rounded())
        let bins = binCount, lags = order
        cosines = (0...lags).map { lag in
            (0...bins).map { bin in Float(cos(Double.pi * Double(lag * bin) / Double(bins))) }
        }
    }

    /// F1 and F2 in hertz from a power spectrum (bin 0 at 0 Hz), or nil when the frame has no
    /// clear pair of resonances (silence, noise).
    func formants(of power: [Float]) -> (first: Float, second: Float)? {
        guard power.count > binCount else { return nil }
        let coefficients = predictor(autocorrelation(power))
        guard let coefficients else { return nil }
        let roots = PolynomialRoots.roots(ofMonic: coefficients)
        var resonances: [Double] = []
        for root in roots where root.imaginary > 0 {
            let radius = root.magnitude
            guard radius > 0, radius < 1 else { continue }
            let frequency = atan2(root.imaginary, root.real) / Double.pi * upperHz
            let bandwidth = -log(radius) / Double.pi * 2 * upperHz
            if frequency >= minimumHz, frequency < upperHz * 0.95, bandwidth <= maximumBandwidthHz {
                resonances.append(frequency)
            }
        }
        resonances.sort()
        guard resonances.count >= 2 else { return nil }
        return (Float(resonances[0]), Float(resonances[1]))
    }

    /// Autocorrelation lags 0...order of the band below `upperHz` (the trapezoid rule over the
    /// half spectrum, ends counted half).
    private func autocorrelation(_ power: [Float]) -> [Double] {
        (0...order).map { lag in
            let row = cosines[lag]
            var sum: Float = 0.5 * (power[0] * row[0] + power[binCount] * row[binCount])
            for bin in 1..<binCount { sum += power[bin] * row[bin] }
            return Double(sum)
        }
    }

    /// Levinson-Durbin recursion: the coefficients a1...ap of A(z) = 1 + a1/z + ... + ap/z^p,
    /// or nil for a silent or degenerate frame.
    private func predictor(_ r: [Double]) -> [Double]? {
        guard r[0] > 1e-12 else { return nil }
        var a = [Double](repeating: 0, count: order + 1)
        a[0] = 1
        var error = r[0] * (1 + 1e-9)
        for i in 1...order {
            var accumulator = r[i]
            for j in 1..<i { accumulator += a[j] * r[i - j] }
            let reflection = -accumulator / error
            guard abs(reflection) < 1 else { return nil }
            let previous = a
            for j in 1..<i { a[j] = previous[j] + reflection * previous[i - j] }
            a[i] = reflection
            error *= 1 - reflection * reflection
        }
        return Array(a[1...])
    }
}

/// A complex number, only as much of one as root finding needs.
struct ComplexValue: Sendable, Equatable {
    var real: Double
    var imaginary: Double

    var magnitude: Double { (real * real + imaginary * imaginary).squareRoot() }

    static func + (a: Self, b: Self) -> Self { Self(real: a.real + b.real, imaginary: a.imaginary + b.imaginary) }
    static func - (a: Self, b: Self) -> Self { Self(real: a.real - b.real, imaginary: a.imaginary - b.imaginary) }
    static func * (a: Self, b: Self) -> Self {
        Self(real: a.real * b.real - a.imaginary * b.imaginary, imaginary: a.real * b.imaginary + a.imaginary * b.real)
    }
    static func / (a: Self, b: Self) -> Self {
        let scale = b.real * b.real + b.imaginary * b.imaginary
        return Self(real: (a.real * b.real + a.imaginary * b.imaginary) / scale,
                    imaginary: (a.imaginary * b.real - a.real * b.imaginary) / scale)
    }
}

/// Roots of polynomials by the Durand-Kerner (Weierstrass) iteration, which finds all roots at once.
enum PolynomialRoots {
    /// The roots of z^n + c[0] z^(n-1) + ... + c[n-1].
    static func roots(ofMonic c: [Double], iterations: Int = 60) -> [ComplexValue] {
        let n = c.count
        guard n > 0 else { return [] }
        // Start on a circle a little inside the unit circle (where LPC poles lie), off any symmetry axis.
        var z = (0..<n).map { k -> ComplexValue in
            let angle = 2 * Double.pi * Double(k) / Double(n) + 0.4
            return ComplexValue(real: 0.9 * cos(angle), imaginary: 0.9 * sin(angle))
        }
        for _ in 0..<iterations {
            var largest = 0.0
            for i in 0..<n {
                var value = ComplexValue(real: 1, imaginary: 0)
                for coefficient in c { value = value * z[i] + ComplexValue(real: coefficient, imaginary: 0) }
                var denominator = ComplexValue(real: 1, imaginary: 0)
                for j in 0..<n where j != i { denominator = denominator * (z[i] - z[j]) }
                guard denominator.magnitude > 1e-300 else { continue }
                let step = value / denominator
                z[i] = z[i] - step
                largest = max(largest, step.magnitude)
            }
            if largest < 1e-10 { break }
        }
        return z
    }
}
