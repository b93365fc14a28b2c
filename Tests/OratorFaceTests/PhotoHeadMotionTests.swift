import Foundation
import OratorCore
import OratorMotion
import OratorTestSupport
import Testing
@testable import OratorFace

/// `--head-motion` measured on the picture: the astronaut rendered with the motion of each
/// amount, her head's turn and nod read back from dlib's landmarks.
@Suite("Head motion measured on the rendered frames")
struct PhotoHeadMotionTests {
    /// Root-mean-square change of the nose's offset against the eyes (interocular units) from
    /// the first frame, over 8 s sampled every 5th frame.
    func movement(amount: Float, renderer: PhotoAvatarRenderer, analyzer: FaceAnalyzer) throws -> Double {
        let configuration = MotionConfiguration(seed: 3, still: amount == 0, headMotionScale: amount)
        let timeline = SpeechTimeline(duration: 8)
        let track = MotionSynthesizer(configuration: configuration).track(cues: [], timeline: timeline, duration: 8)
        var frame = FrameBuffer(size: renderer.size)
        var offsets: [SIMD2<Double>] = []
        for var motion in stride(from: 0, to: track.frames.count, by: 5).map({ track.frames[$0] }) {
            // Blinks move the eyes' landmarks; this measures the head.
            motion.blinkLeft = 0
            motion.blinkRight = 0
            try renderer.render(motion, into: &frame)
            let face = try #require(try analyzer.faces(in: frame).first)
            let pose = ReferenceVideoTracker.RawPose(face)
            offsets.append(SIMD2(pose.noseX, pose.noseY))
        }
        let squares = offsets.map { (($0 - offsets[0]) * ($0 - offsets[0])).sum() }
        return (squares.reduce(0, +) / Double(squares.count)).squareRoot()
    }

    /// The picture follows the amount nearly in proportion (landmarks of a turned face move a
    /// little less than the turn: 1.95x for seed 3), so 2 must measure at least 1.8x of 1.
    @Test("0 holds the head still; 2 moves it nearly twice as much as 1")
    func amounts() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        let still = try movement(amount: 0, renderer: renderer, analyzer: analyzer)
        let natural = try movement(amount: 1, renderer: renderer, analyzer: analyzer)
        let double = try movement(amount: 2, renderer: renderer, analyzer: analyzer)
        #expect(still < 0.002, "still: \(still)")
        #expect(natural > 0.01, "natural: \(natural)")
        #expect(double >= 1.8 * natural, "2: \(double), 1: \(natural)")
    }
}
