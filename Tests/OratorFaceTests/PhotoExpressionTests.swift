import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

/// Renders expressions on the astronaut and measures them with dlib on the output frames.
@Suite("Photo expressions measured on the rendered frames")
struct PhotoExpressionTests {
    struct Measures {
        /// How far the mouth corners sit above the lips' centre line, in interocular distances.
        var cornerLift: Double
        /// Brows above the eyes, in interocular distances.
        var browHeight: Double
        /// Mean eye aspect ratio.
        var eyeOpening: Double
        var mouthOpening: Double

        init(_ face: FaceLandmarks) {
            let unit = face.interocularDistance
            let p = face.points
            let centre = [51, 57, 62, 66].map { p[$0].y }.reduce(0, +) / 4
            cornerLift = (centre - (p[48].y + p[54].y) / 2) / unit
            let brows = (17...26).map { p[$0].y }.reduce(0, +) / 10
            browHeight = ((face.eyeCenter(.left).y + face.eyeCenter(.right).y) / 2 - brows) / unit
            eyeOpening = (face.eyeAspectRatio(.left) + face.eyeAspectRatio(.right)) / 2
            mouthOpening = face.mouthOpening
        }
    }

    func measure(_ motions: [MotionFrame]) throws -> [Measures] {
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        var frame = FrameBuffer(size: renderer.size)
        return try motions.map { motion in
            try renderer.render(motion, into: &frame)
            return Measures(try #require(try analyzer.faces(in: frame).first, "the face must stay detectable"))
        }
    }

    @Test("a smile raises the mouth corners against the lips' centre, a frown lowers them, closed or speaking")
    func smileAndFrown() throws {
        for jaw: Float in [0, 0.5] {
            let m = try measure([MotionFrame(jawOpen: jaw), MotionFrame(jawOpen: jaw, smile: 1, cheekRaise: 0.8),
                                 MotionFrame(jawOpen: jaw, mouthFrown: 0.85)])
            #expect(m[1].cornerLift > m[0].cornerLift + 0.03, "jaw \(jaw): smile \(m[1].cornerLift) vs neutral \(m[0].cornerLift)")
            #expect(m[2].cornerLift < m[0].cornerLift - 0.02, "jaw \(jaw): frown \(m[2].cornerLift) vs neutral \(m[0].cornerLift)")
        }
    }

    @Test("p, b and m still close the lips under a broad smile: in the mesh, and as dlib reads the frame")
    func closureUnderSmile() throws {
        // The mesh: every facing pair of inner-lip points meets, as without the smile.
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        func gaps(_ motion: MotionFrame) -> [Double] {
            var points = renderer.rig.neutral
            ExpressionModel.apply(motion, to: &points, rig: renderer.rig)
            return zip(ExpressionModel.upperInner, ExpressionModel.lowerInner).map { points[$1].y - points[$0].y }
        }
        let unit = renderer.rig.frame.unit
        let pressed = gaps(MotionFrame(jawOpen: 0.7, lipPress: 1, smile: 1, cheekRaise: 0.8))
        #expect(pressed.allSatisfy { abs($0) < 0.005 * unit }, "inner-lip gaps \(pressed.map { $0 / unit }) interocular")
        #expect((gaps(MotionFrame(jawOpen: 0.7, smile: 1)).max() ?? 0) > 0.15 * unit)
        // The frame: dlib reads the open smiling mouth at about 0.25 and the pressed one at about
        // 0.05 (a broad closed smile reads a little open to dlib: 0.02 without raised cheeks).
        let m = try measure([MotionFrame(jawOpen: 0.7, smile: 1, cheekRaise: 0.8),
                             MotionFrame(jawOpen: 0.7, lipPress: 1, smile: 1, cheekRaise: 0.8)])
        #expect(m[0].mouthOpening > 0.15, "open under the smile: \(m[0].mouthOpening)")
        #expect(m[1].mouthOpening < 0.07 && m[1].mouthOpening < m[0].mouthOpening / 3, "pressed under the smile: \(m[1].mouthOpening)")
    }

    @Test("surprise lifts the brows and widens the eyes; raised cheeks narrow them")
    func eyesAndBrows() throws {
        let m = try measure([.rest, MotionFrame(browRaise: 1, eyeWiden: 1), MotionFrame(eyeWiden: -0.25, cheekRaise: 0.8)])
        #expect(m[1].browHeight > m[0].browHeight + 0.05, "brows \(m[1].browHeight) vs \(m[0].browHeight)")
        #expect(m[1].eyeOpening > m[0].eyeOpening * 1.1, "eyes \(m[1].eyeOpening) vs \(m[0].eyeOpening)")
        #expect(m[2].eyeOpening < m[0].eyeOpening * 0.9, "eyes \(m[2].eyeOpening) vs \(m[0].eyeOpening)")
    }
}
