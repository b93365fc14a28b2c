import Foundation
import OratorCore

/// Pixel measurements for checking rendered frames.
enum ImageMeasures {
    /// Rec. 601 luma of the pixel at (x, y).
    static func luma(_ frame: FrameBuffer, _ x: Int, _ y: Int) -> Double {
        let offset = (y * frame.size.width + x) * 4
        return 0.114 * Double(frame.pixels[offset]) + 0.587 * Double(frame.pixels[offset + 1]) + 0.299 * Double(frame.pixels[offset + 2])
    }

    /// Mean structural similarity (Wang et al. 2004) of two frames' luma over 8x8 windows
    /// (stride 4) that lie wholly inside `region` and pass `include` at their centre.
    static func ssim(_ a: FrameBuffer, _ b: FrameBuffer, region: (x: Range<Int>, y: Range<Int>),
                     include: (Int, Int) -> Bool) -> Double {
        let c1: Double = 6.5025, c2: Double = 58.5225  // (0.01 * 255)^2 and (0.03 * 255)^2
        var total = 0.0, windows = 0
        for top in stride(from: region.y.lowerBound, to: region.y.upperBound - 8, by: 4) {
            for left in stride(from: region.x.lowerBound, to: region.x.upperBound - 8, by: 4) where include(left + 4, top + 4) {
                var sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
                for y in top..<(top + 8) {
                    for x in left..<(left + 8) {
                        let va = luma(a, x, y), vb = luma(b, x, y)
                        sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb
                    }
                }
                let n = 64.0
                let ma = sa / n, mb = sb / n
                let va = saa / n - ma * ma, vb = sbb / n - mb * mb, cov = sab / n - ma * mb
                total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))
                windows += 1
            }
        }
        return windows == 0 ? 0 : total / Double(windows)
    }

    /// Pearson correlation of two equally long series.
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var cov = 0.0, va = 0.0, vb = 0.0
        for (x, y) in zip(a, b) {
            cov += (x - ma) * (y - mb)
            va += (x - ma) * (x - ma)
            vb += (y - mb) * (y - mb)
        }
        return cov / (va * vb).squareRoot()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// Copies `source` into `target` with its top-left corner at (x, y) (clipped).
    static func paste(_ source: FrameBuffer, into target: inout FrameBuffer, x: Int, y: Int) {
        for row in 0..<source.size.height where (0..<target.size.height).contains(row + y) {
            for column in 0..<source.size.width where (0..<target.size.width).contains(column + x) {
                let from = (row * source.size.width + column) * 4
                let to = ((row + y) * target.size.width + column + x) * 4
                for channel in 0..<4 { target.pixels[to + channel] = source.pixels[from + channel] }
            }
        }
    }

    /// A frame filled with a smooth, everywhere-different pattern (so "unchanged" is meaningful).
    static func texturedBackground(_ size: FrameSize) -> FrameBuffer {
        var frame = FrameBuffer(size: size)
        for y in 0..<size.height {
            for x in 0..<size.width {
                let offset = (y * size.width + x) * 4
                frame.pixels[offset] = UInt8(truncatingIfNeeded: x / 3 + y / 5)
                frame.pixels[offset + 1] = UInt8(truncatingIfNeeded: 60 + (x ^ y) % 90)
                frame.pixels[offset + 2] = UInt8(truncatingIfNeeded: 120 + (x * 7 + y * 3) % 100)
            }
        }
        return frame
    }

    /// The part of `frame` inside the given ranges.
    static func crop(_ frame: FrameBuffer, x: Range<Int>, y: Range<Int>) -> FrameBuffer {
        var result = FrameBuffer(size: FrameSize(width: x.count, height: y.count))
        for row in 0..<y.count {
            let from = ((row + y.lowerBound) * frame.size.width + x.lowerBound) * 4
            let to = row * x.count * 4
            result.pixels.replaceSubrange(to..<(to + x.count * 4), with: frame.pixels[from..<(from + x.count * 4)])
        }
        return result
    }

    /// `frame` turned a quarter turn counter-clockwise (what a camera held sideways stores).
    static func rotatedCounterClockwise(_ frame: FrameBuffer) -> FrameBuffer {
        let width = frame.size.width, height = frame.size.height
        var result = FrameBuffer(size: FrameSize(width: height, height: width))
        for row in 0..<width {
            for column in 0..<height {
                // Stored (row, column) shows upright (column, width - 1 - row).
                let from = (column * width + (width - 1 - row)) * 4
                let to = (row * height + column) * 4
                for channel in 0..<4 { result.pixels[to + channel] = frame.pixels[from + channel] }
            }
        }
        return result
    }

    /// JPEG bytes with an EXIF APP1 segment holding only an orientation tag, inserted after SOI.
    static func addingExifOrientation(_ orientation: UInt8, toJPEG jpeg: Data) -> Data {
        let tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,  // little-endian header, IFD at 8
                             0x01, 0x00,  // one entry
                             0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00,  // Orientation, SHORT
                             0x00, 0x00, 0x00, 0x00]  // no next IFD
        let payload: [UInt8] = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        var bytes = [UInt8](jpeg)
        bytes.insert(contentsOf: segment, at: 2)
        return Data(bytes)
    }

    /// Mean absolute difference of two same-size frames' luma.
    static func meanDifference(_ a: FrameBuffer, _ b: FrameBuffer) -> Double {
        var total = 0.0
        for y in stride(from: 0, to: a.size.height, by: 2) {
            for x in stride(from: 0, to: a.size.width, by: 2) { total += abs(luma(a, x, y) - luma(b, x, y)) }
        }
        return total / Double((a.size.height / 2) * (a.size.width / 2))
    }
}
