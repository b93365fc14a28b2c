import Foundation

/// A sequence of fixed-length feature vectors stored row after row.
struct FeatureMatrix: Sendable {
    /// Values per row.
    let dimensions: Int
    /// `rows * dimensions` values.
    var values: [Float]

    /// Number of rows (frames).
    var rows: Int { dimensions > 0 ? values.count / dimensions : 0 }

    /// Euclidean distance between row `row` of this matrix and row `otherRow` of `other`.
    @inline(__always)
    func distance(_ row: Int, _ other: FeatureMatrix, _ otherRow: Int) -> Float {
        var sum: Float = 0
        values.withUnsafeBufferPointer { mine in
            other.values.withUnsafeBufferPointer { theirs in
                let a = row * dimensions, b = otherRow * dimensions
                for index in 0..<dimensions {
                    let difference = mine[a + index] - theirs[b + index]
                    sum += difference * difference
                }
            }
        }
        return sum.squareRoot()
    }
}

extension AcousticFeatures {
    /// Mel-frequency cepstra of frames `range`, for alignment: bands above `bandwidthHz` are left
    /// out (so a telephone recording matches full-band synthesized speech), quiet bands are
    /// floored 50 dB below the loudest so that digital silence and room noise look alike,
    /// coefficients 1-12 and the frame level (weighted down, so that it separates speech from
    /// pauses without outweighing the spectral shape) have their means over the range removed
    /// (cepstral mean normalization, which cancels the microphone's and the room's colouring).
    func cepstra(rows range: Range<Int>, bandwidthHz: Double, coefficients: Int = 12, levelWeight: Float = 0.3) -> FeatureMatrix {
        let used = max(4, bandCenters.filter { Double($0) <= bandwidthHz * 0.92 }.count)
        let dimensions = coefficients + 1
        guard !range.isEmpty else { return FeatureMatrix(dimensions: dimensions, values: []) }
        var loudest: Float = -.infinity
        for frame in range {
            for band in 0..<used { loudest = max(loudest, Float(logMel[frame * bandCount + band])) }
        }
        let floor = loudest - 11.5
        var basis = [Float](repeating: 0, count: coefficients * used)
        for coefficient in 0..<coefficients {
            for band in 0..<used {
                basis[coefficient * used + band] = Float(cos(Double.pi * Double(coefficient + 1) * (Double(band) + 0.5) / Double(used)))
            }
        }
        let scale = (2 / Float(used)).squareRoot()
        var values = [Float](repeating: 0, count: range.count * dimensions)
        var bands = [Float](repeating: 0, count: used)
        for (row, frame) in range.enumerated() {
            var energy: Float = 0
            for band in 0..<used {
                bands[band] = max(Float(logMel[frame * bandCount + band]), floor)
                energy += bands[band]
            }
            for coefficient in 0..<coefficients {
                var sum: Float = 0
                for band in 0..<used { sum += basis[coefficient * used + band] * bands[band] }
                values[row * dimensions + coefficient] = sum * scale
            }
            values[row * dimensions + coefficients] = energy / Float(used) * levelWeight
        }
        for dimension in 0..<dimensions {
            var mean: Double = 0
            for row in 0..<range.count { mean += Double(values[row * dimensions + dimension]) }
            let average = Float(mean / Double(range.count))
            for row in 0..<range.count { values[row * dimensions + dimension] -= average }
        }
        return FeatureMatrix(dimensions: dimensions, values: values)
    }
}
