import Foundation

/// Triangular filters spaced evenly on the mel scale, applied to a power spectrum.
///
/// Filters are defined in hertz, so spectra taken at different sample rates (a 16 kHz
/// recording, 22.05 kHz synthesized speech) give comparable band energies.
struct MelFilterBank: Sendable {
    /// Centre frequency of each filter in hertz, ascending.
    let centers: [Float]
    /// Upper edge of each filter in hertz.
    let upperEdges: [Float]
    private let firstBins: [Int]
    private let weights: [[Float]]

    /// Filters between `lowerHz` and `upperHz` for a spectrum of `binCount` bins `binHz` apart.
    init(filterCount: Int, lowerHz: Double, upperHz: Double, binCount: Int, binHz: Double) {
        func mel(_ hz: Double) -> Double { 2595 * log10(1 + hz / 700) }
        func hertz(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }
        let low = mel(lowerHz), high = mel(upperHz)
        let edges = (0...filterCount + 1).map { hertz(low + (high - low) * Double($0) / Double(filterCount + 1)) }
        var firstBins: [Int] = [], weights: [[Float]] = []
        for filter in 0..<filterCount {
            let left = edges[filter], center = edges[filter + 1], right = edges[filter + 2]
            let first = max(0, Int((left / binHz).rounded(.up)))
            let last = min(binCount - 1, Int((right / binHz).rounded(.down)))
            var row: [Float] = []
            if first <= last {
                for bin in first...last {
                    let hz = Double(bin) * binHz
                    let weight = hz <= center ? (hz - left) / (center - left) : (right - hz) / (right - center)
                    row.append(Float(max(0, weight)))
                }
            }
            // A filter narrower than one bin still takes the nearest bin, so no band is empty.
            if row.allSatisfy({ $0 == 0 }) {
                let nearest = min(binCount - 1, max(0, Int((center / binHz).rounded())))
                firstBins.append(nearest); weights.append([1])
            } else {
                firstBins.append(first); weights.append(row)
            }
        }
        self.firstBins = firstBins
        self.weights = weights
        centers = (1...filterCount).map { Float(edges[$0]) }
        upperEdges = (2...filterCount + 1).map { Float(edges[$0]) }
    }

    /// Number of filters.
    var count: Int { weights.count }

    /// Appends the energy of each filter for `power` to `output`.
    func apply(_ power: [Float], appendingTo output: inout [Float]) {
        for filter in 0..<weights.count {
            var sum: Float = 0
            let first = firstBins[filter]
            for (offset, weight) in weights[filter].enumerated() { sum += weight * power[first + offset] }
            output.append(sum)
        }
    }
}
