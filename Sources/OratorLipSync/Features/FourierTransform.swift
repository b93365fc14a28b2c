import Foundation

/// The power spectrum of real frames of one fixed power-of-two length, by a radix-2 FFT.
///
/// A real frame of N samples is packed into N/2 complex values (even samples real, odd
/// imaginary), transformed at half size and then split into the N/2 + 1 bins of the real
/// spectrum, which halves the work of a plain complex FFT.
struct FourierTransform: Sendable {
    /// Number of real points (a power of two, at least 4).
    let size: Int
    private let half: Int
    private let cosines: [Float]
    private let sines: [Float]
    private let reversed: [Int]

    init(size: Int) {
        precondition(size >= 4 && size & (size - 1) == 0, "FFT size must be a power of two, at least 4")
        self.size = size
        half = size / 2
        cosines = (0..<size / 2).map { Float(cos(2 * Double.pi * Double($0) / Double(size))) }
        sines = (0..<size / 2).map { Float(-sin(2 * Double.pi * Double($0) / Double(size))) }
        let bits = (size / 2).trailingZeroBitCount
        reversed = (0..<size / 2).map { index in
            var value = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { value |= 1 << (bits - 1 - bit) }
            return value
        }
    }

    /// Writes |X(k)|^2 for k in 0...size/2 of the real signal `input` (zero-padded to `size`)
    /// into `power`; `real` and `imaginary` (at least size/2 long) are scratch space.
    func powerSpectrum(of input: UnsafeBufferPointer<Float>, into power: inout [Float],
                       real: inout [Float], imaginary: inout [Float]) {
        for index in 0..<half {
            let target = reversed[index]
            real[target] = 2 * index < input.count ? input[2 * index] : 0
            imaginary[target] = 2 * index + 1 < input.count ? input[2 * index + 1] : 0
        }
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                butterflies(re, im)
            }
        }
        for bin in 0...half {
            let k = bin % half, mirror = (half - bin) % half
            let zr = real[k], zi = imaginary[k], cr = real[mirror], ci = -imaginary[mirror]
            let evenR = (zr + cr) / 2, evenI = (zi + ci) / 2
            let oddR = (zi - ci) / 2, oddI = -(zr - cr) / 2
            let wr: Float = bin < half ? cosines[bin] : -1, wi: Float = bin < half ? sines[bin] : 0
            let xr = evenR + wr * oddR - wi * oddI, xi = evenI + wr * oddI + wi * oddR
            power[bin] = xr * xr + xi * xi
        }
    }

    /// In-place complex FFT of length size/2 on bit-reversed input; twiddles step through the
    /// size-N tables two at a time.
    private func butterflies(_ re: UnsafeMutableBufferPointer<Float>, _ im: UnsafeMutableBufferPointer<Float>) {
        var span = 1
        while span < half {
            let step = size / (span * 2)
            var start = 0
            while start < half {
                for offset in 0..<span {
                    let wr = cosines[offset * step], wi = sines[offset * step]
                    let top = start + offset, bottom = top + span
                    let tr = wr * re[bottom] - wi * im[bottom]
                    let ti = wr * im[bottom] + wi * re[bottom]
                    re[bottom] = re[top] - tr
                    im[bottom] = im[top] - ti
                    re[top] += tr
                    im[top] += ti
                }
                start += span * 2
            }
            span *= 2
        }
    }
}
