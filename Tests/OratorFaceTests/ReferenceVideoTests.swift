import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

/// A reference clip made by turning and blinking the astronaut with known coefficients, encoded
/// by FFmpeg, tracked back; then the astronaut driven by what was tracked, tracked again.
@Suite("Reference video tracking (--ref-pose, --ref-eyeblink)")
struct ReferenceVideoTests {
    static let fps = 25.0
    static let frames = 100
    static let blinkFrames = [20, 55, 85]

    /// Yaw swinging +-12 degrees, a slower nod, and three blinks (closing over two frames).
    static func motion(_ index: Int) -> MotionFrame {
        let time = Double(index) / fps
        let blink: Float = blinkFrames.contains(index) ? 1 : (blinkFrames.contains(index - 1) || blinkFrames.contains(index + 1) ? 0.5 : 0)
        return MotionFrame(blinkLeft: blink, blinkRight: blink, headYaw: Float(12 * sin(2 * .pi * 0.5 * time)),
                           headPitch: Float(5 * sin(2 * .pi * 0.3 * time)))
    }

    /// Renders `motions` on the astronaut into an MP4 in `folder`.
    static func encode(_ motions: [MotionFrame], renderer: PhotoAvatarRenderer, to url: URL) throws {
        let size = renderer.size
        let process = try ChildProcess(try ExternalTool.locate("ffmpeg"), [
            "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgra", "-video_size", size.description, "-framerate", "25",
            "-i", "pipe:0", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-pix_fmt", "yuv420p", url.path,
        ], what: "encoding a reference clip", input: .pipe, output: .discard)
        var frame = FrameBuffer(size: size)
        for motion in motions {
            try renderer.render(motion, into: &frame)
            let written = frame.pixels.withUnsafeBytes { process.write($0) }
            try #require(written)
        }
        try process.input?.close()
        try process.wait()
    }

    static func correlation(_ a: [Double], _ b: [Double]) -> Double { ImageMeasures.correlation(a, b) }

    @Test("tracked yaw follows the clip's, blinks land within 2 frames, and a face driven by it turns alike")
    func trackAndDrive() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        let folder = try TemporaryFolder("reference")
        defer { folder.remove() }
        let truth = (0..<Self.frames).map(Self.motion)
        try Self.encode(truth, renderer: renderer, to: folder.file("reference.mp4"))

        let tracker = ReferenceVideoTracker(analyzer: analyzer)
        let tracked = try tracker.track(folder.file("reference.mp4"), fps: Self.fps, duration: Double(Self.frames) / Self.fps)
        #expect(tracked.frames.count == Self.frames)
        #expect(tracked.trackedFrames >= Self.frames - 5)
        let yaw = tracked.frames.map { Double($0.yaw) }
        let trueYaw = truth.map { Double($0.headYaw) }
        #expect(Self.correlation(yaw, trueYaw) >= 0.9, "yaw r = \(Self.correlation(yaw, trueYaw))")
        #expect(Self.correlation(tracked.frames.map { Double($0.pitch) }, truth.map { Double($0.headPitch) }) >= 0.7)
        let swing = (yaw.max() ?? 0) - (yaw.min() ?? 0)
        #expect(swing > 12 && swing < 40, "a 24-degree swing measured as \(swing)")
        let closedFrames = tracked.frames.indices.filter { tracked.frames[$0].blinkLeft > 0.5 && tracked.frames[$0].blinkRight > 0.5 }
        for blink in Self.blinkFrames {
            #expect(closedFrames.contains { abs($0 - blink) <= 2 }, "blink at frame \(blink); closed frames \(closedFrames)")
        }
        #expect(closedFrames.allSatisfy { frame in Self.blinkFrames.contains { abs($0 - frame) <= 2 } }, "no other blinks: \(closedFrames)")

        // The astronaut driven by the tracked pose, tracked again, turns with the reference.
        let driven = tracked.frames.map { MotionFrame(blinkLeft: $0.blinkLeft, blinkRight: $0.blinkRight, headYaw: $0.yaw, headPitch: $0.pitch, headRoll: $0.roll) }
        try Self.encode(driven, renderer: renderer, to: folder.file("driven.mp4"))
        let again = try tracker.track(folder.file("driven.mp4"), fps: Self.fps, duration: Double(Self.frames) / Self.fps)
        let r = Self.correlation(again.frames.map { Double($0.yaw) }, yaw)
        #expect(r >= 0.8, "driven yaw against the reference's: r = \(r)")
    }

    @Test("a video without a face is refused naming the file; so is a file that is not a video")
    func noFace() throws {
        let folder = try TemporaryFolder("reference-faceless")
        defer { folder.remove() }
        let video = folder.file("gray.mp4")
        _ = try MediaTool.output("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "color=gray:s=320x240:d=1", "-pix_fmt", "yuv420p", video.path])
        let tracker = ReferenceVideoTracker(analyzer: try Fixtures.sharedAnalyzer())
        #expect {
            try tracker.track(video, fps: 25, duration: 1)
        } throws: { error in
            guard let error = error as? OratorError else { return false }
            return error.code == .noFaceFound && error.message.contains("no trackable face in the reference video \(video.path) (a face was found in 0 of 25 frames")
        }
        let text = try folder.file("notes.mp4", contents: "not a video")
        #expect(throws: OratorError.self) { try tracker.track(text, fps: 25, duration: 1) }
    }
}
