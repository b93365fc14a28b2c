import Foundation
import OratorCore
import OratorRender

/// The target coefficients of each mouth shape, copied from OratorMotion's `MouthPose.of(_:)`
/// (this test target depends only on OratorRender and OratorCore). The renderers must keep
/// all nine distinct at these poses.
enum AssumedPoses {
    static let table: [MouthShape: MotionFrame] = [
        .a: MotionFrame(mouthShape: .a, lipPress: 1),
        .b: MotionFrame(mouthShape: .b, jawOpen: 0.12, lipStretch: 0.35),
        .c: MotionFrame(mouthShape: .c, jawOpen: 0.45, lipStretch: 0.2),
        .d: MotionFrame(mouthShape: .d, jawOpen: 0.9, lipStretch: 0.1),
        .e: MotionFrame(mouthShape: .e, jawOpen: 0.35, lipRound: 0.5),
        .f: MotionFrame(mouthShape: .f, jawOpen: 0.15, lipRound: 1),
        .g: MotionFrame(mouthShape: .g, jawOpen: 0.08, teethOnLip: 1),
        .h: MotionFrame(mouthShape: .h, jawOpen: 0.4, tongueUp: 1),
        .x: MotionFrame(mouthShape: .x),
    ]

    static func pose(_ shape: MouthShape) -> MotionFrame { table[shape]! }
}

/// Pixel measurements on rendered frames.
enum Pixels {
    /// Mean absolute difference of the colour channels inside `region`, 0...255.
    static func meanDifference(_ a: FrameBuffer, _ b: FrameBuffer, in region: PixelRegion) -> Double {
        var total = 0
        for y in region.y..<region.y + region.height {
            var index = (y * a.size.width + region.x) * 4
            for _ in 0..<region.width {
                total += abs(Int(a.pixels[index]) - Int(b.pixels[index]))
                total += abs(Int(a.pixels[index + 1]) - Int(b.pixels[index + 1]))
                total += abs(Int(a.pixels[index + 2]) - Int(b.pixels[index + 2]))
                index += 4
            }
        }
        return Double(total) / Double(max(region.area * 3, 1))
    }

    /// The fraction of pixels in `region` whose largest channel difference exceeds `threshold`.
    static func changedFraction(_ a: FrameBuffer, _ b: FrameBuffer, in region: PixelRegion, threshold: Int = 24) -> Double {
        var changed = 0
        for y in region.y..<region.y + region.height {
            var index = (y * a.size.width + region.x) * 4
            for _ in 0..<region.width {
                let delta = max(abs(Int(a.pixels[index]) - Int(b.pixels[index])),
                                abs(Int(a.pixels[index + 1]) - Int(b.pixels[index + 1])),
                                abs(Int(a.pixels[index + 2]) - Int(b.pixels[index + 2])))
                if delta > threshold { changed += 1 }
                index += 4
            }
        }
        return Double(changed) / Double(max(region.area, 1))
    }

    /// The whole frame as a region.
    static func whole(_ frame: FrameBuffer) -> PixelRegion {
        PixelRegion(x: 0, y: 0, width: frame.size.width, height: frame.size.height)
    }

    /// The BGRA bytes of one pixel.
    static func pixel(_ frame: FrameBuffer, x: Int, y: Int) -> [UInt8] {
        let index = (y * frame.size.width + x) * 4
        return Array(frame.pixels[index..<index + 4])
    }

    /// The frame drawn by `renderer` for `motion`.
    static func render(_ renderer: some FrameRendering, _ motion: MotionFrame) throws -> FrameBuffer {
        var frame = FrameBuffer(size: renderer.size)
        try renderer.render(motion, into: &frame)
        return frame
    }
}
