import Foundation
import OratorCore
import OratorRender
import OratorTestSupport
import OratorVideo
import Testing
@testable import OratorPipeline

/// A square that moves across a still gradient, and says where it can have changed the frame.
private struct MovingSquareRenderer: FrameRendering {
    let size: FrameSize
    /// Whether `update` reports regions (else the whole frame is converted every time).
    let reportsRegions: Bool

    func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        _ = try update(motion, over: &buffer, previous: nil)
    }

    func square(_ motion: MotionFrame) -> PixelRegion {
        // Odd corners and sides, so the converter's widening to even edges is exercised.
        PixelRegion(x: 3 + Int(motion.jawOpen * Float(size.width - 24)), y: 5 + Int(motion.browRaise * Float(size.height - 24)),
                    width: 13, height: 11)
    }

    func update(_ motion: MotionFrame, over buffer: inout FrameBuffer, previous: PixelRegion?) throws(OratorError) -> PixelRegion? {
        let square = square(motion)
        let redraw = previous.map { $0.union(square) } ?? PixelRegion(x: 0, y: 0, width: size.width, height: size.height)
        for y in redraw.y..<(redraw.y + redraw.height) {
            for x in redraw.x..<(redraw.x + redraw.width) {
                let index = (y * size.width + x) * 4
                let inside = square.x..<(square.x + square.width) ~= x && square.y..<(square.y + square.height) ~= y
                buffer.pixels[index] = inside ? 40 : UInt8(x * 255 / size.width)
                buffer.pixels[index + 1] = inside ? 200 : UInt8(y * 255 / size.height)
                buffer.pixels[index + 2] = inside ? 230 : 90
                buffer.pixels[index + 3] = 255
            }
        }
        return reportsRegions ? square : nil
    }
}

@Suite("Frames handed to the encoder as YUV 4:2:0")
struct PlanarFrameTests {
    /// Presenter frames with the mouth, eyes and head moving.
    static func presenterFrames(side: Int) throws -> [FrameBuffer] {
        let renderer = try BuiltinAvatarRenderer(size: FrameSize(square: side))
        return try (0..<6).map { index throws(OratorError) in
            var frame = FrameBuffer(size: renderer.size)
            try renderer.render(MotionFrame(jawOpen: Float(index) / 5, blinkLeft: index == 3 ? 1 : 0, headYaw: Float(index * 3)), into: &frame)
            return frame
        }
    }

    @Test("libyuv's conversion matches FFmpeg's own bgra to yuv420p (SSIM >= 0.99, luma within 2)")
    func matchesFFmpeg() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let side = 256
        let frames = try Self.presenterFrames(side: side)
        let bgra = folder.file("frames.bgra"), ours = folder.file("ours.yuv")
        try Data(frames.flatMap(\.pixels)).write(to: bgra)
        var planar = PlanarFrame(size: FrameSize(square: side))
        var converted = Data()
        for frame in frames {
            try PlanarConverter.convert(frame, into: &planar)
            converted.append(contentsOf: planar.bytes)
        }
        try converted.write(to: ours)
        let theirs = try MediaTool.output("ffmpeg", ["-nostdin", "-v", "error", "-f", "rawvideo", "-pix_fmt", "bgra", "-video_size", "\(side)x\(side)",
                                                     "-i", bgra.path, "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"])
        #expect(theirs.count == converted.count)
        let luma = side * side, frameBytes = planar.bytes.count
        var worstLuma = 0
        for frame in 0..<frames.count {
            for index in 0..<luma {
                worstLuma = max(worstLuma, abs(Int(converted[frame * frameBytes + index]) - Int(theirs[frame * frameBytes + index])))
            }
        }
        #expect(worstLuma <= 2, "luma differs by up to \(worstLuma)")
        try theirs.write(to: folder.file("theirs.yuv"))
        let raw = ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-video_size", "\(side)x\(side)"]
        let report = try MediaTool.run("ffmpeg", ["-nostdin", "-hide_banner"] + raw + ["-i", ours.path] + raw
                                       + ["-i", folder.file("theirs.yuv").path, "-lavfi", "ssim", "-f", "null", "-"]).errors
        let all = try #require(report.range(of: #"All:([0-9.]+)"#, options: .regularExpression).map { Double(report[$0].dropFirst(4)) ?? 0 })
        #expect(all >= 0.99, "SSIM \(all)")
    }

    @Test("converting only a changed region gives the bytes of a whole conversion")
    func regionConversion() throws {
        let frames = try Self.presenterFrames(side: 128)
        var planar = PlanarFrame(size: frames[0].size)
        try PlanarConverter.convert(frames[0], into: &planar)
        // Frame 1 differs from frame 0 only inside `changed` once frame 0's pixels are copied around it.
        var edited = frames[0]
        let changed = PixelRegion(x: 37, y: 51, width: 45, height: 29)
        for y in changed.y..<(changed.y + changed.height) {
            let start = (y * 128 + changed.x) * 4
            edited.pixels.replaceSubrange(start..<(start + changed.width * 4), with: frames[1].pixels[start..<(start + changed.width * 4)])
        }
        try PlanarConverter.convert(edited, region: changed, into: &planar)
        var whole = PlanarFrame(size: edited.size)
        try PlanarConverter.convert(edited, into: &whole)
        #expect(planar.bytes == whole.bytes)
        #expect(planar.bytes.count == 128 * 128 * 3 / 2)
    }

    @Test("streaming with changed regions encodes the same frames as converting every frame whole")
    func streamedRegions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let size = FrameSize(width: 96, height: 64)
        let track = MotionTrack(fps: 25, frames: (0..<30).map { index in
            MotionFrame(jawOpen: Float(index % 10) / 10, browRaise: Float(index % 7) / 7)
        })
        var decoded: [Data] = []
        for reports in [true, false] {
            let output = folder.file("out-\(reports).mp4")
            let encoder = try FFmpegVideoEncoder(configuration: VideoEncoderConfiguration(size: size, fps: 25), audio: nil, output: output)
            try FrameStreamer(jobs: 2).stream(track, renderer: MovingSquareRenderer(size: size, reportsRegions: reports), encoder: encoder)
            try encoder.finish()
            decoded.append(try MediaTool.output("ffmpeg", ["-nostdin", "-v", "error", "-i", output.path, "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"]))
        }
        #expect(decoded[0].count == size.planarByteCount * 30)
        #expect(decoded[0] == decoded[1], "the frames differ when only changed regions are converted")
    }
}
