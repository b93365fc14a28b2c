import Foundation
import OratorCore
import OratorRender
import Testing

@Suite("Built-in presenter: mouth")
struct BuiltinMouthTests {
    let renderer: BuiltinAvatarRenderer

    init() throws {
        renderer = try BuiltinAvatarRenderer(size: FrameSize(square: 512))
    }

    @Test("Each of the nine mouth shapes looks different from every other")
    func everyPairOfShapesDiffers() throws {
        var frames: [MouthShape: FrameBuffer] = [:]
        for shape in MouthShape.allCases {
            frames[shape] = try Pixels.render(renderer, AssumedPoses.pose(shape))
        }
        let region = renderer.mouthRegion
        for first in MouthShape.allCases {
            for second in MouthShape.allCases where first < second {
                let changed = Pixels.changedFraction(frames[first]!, frames[second]!, in: region)
                #expect(changed > 0.04, "mouth shapes \(first.rawValue) and \(second.rawValue) differ in only \(changed) of the mouth region")
            }
        }
    }

    @Test("The mouth at rest and wide open differ strongly")
    func restAndWideOpenDifferStrongly() throws {
        let rest = try Pixels.render(renderer, AssumedPoses.pose(.x))
        let open = try Pixels.render(renderer, AssumedPoses.pose(.d))
        #expect(Pixels.changedFraction(rest, open, in: renderer.mouthRegion) > 0.25)
        #expect(Pixels.meanDifference(rest, open, in: renderer.mouthRegion) > 20)
        // Outside the face nothing moves.
        let corner = PixelRegion(x: 0, y: 0, width: 100, height: 100)
        #expect(Pixels.meanDifference(rest, open, in: corner) == 0)
    }

    @Test("The opening grows smoothly with the jaw")
    func openingGrowsSmoothlyWithJaw() throws {
        let rest = try Pixels.render(renderer, .rest)
        var previous = -1.0
        var steps: [Double] = []
        var last = rest
        for step in 1...10 {
            let frame = try Pixels.render(renderer, MotionFrame(jawOpen: Float(step) / 10))
            let distance = Pixels.meanDifference(rest, frame, in: renderer.mouthRegion)
            #expect(distance > previous, "jaw \(Double(step) / 10) is no further from rest than the step before")
            previous = distance
            steps.append(Pixels.meanDifference(last, frame, in: renderer.mouthRegion))
            last = frame
        }
        // No single tenth of the jaw's travel makes more than a third of the whole change.
        let total = Pixels.meanDifference(rest, last, in: renderer.mouthRegion)
        #expect(steps.allSatisfy { $0 < total / 3 }, "jaw steps \(steps) jump (total \(total))")
    }

    @Test("Teeth on the lip, a raised tongue and rounding each change the mouth on their own",
          arguments: [
            MotionFrame(jawOpen: 0.1, teethOnLip: 1), MotionFrame(jawOpen: 0.4, tongueUp: 1),
            MotionFrame(jawOpen: 0.3, lipRound: 1), MotionFrame(lipStretch: 1), MotionFrame(lipPress: 1),
          ])
    func eachCoefficientShows(_ motion: MotionFrame) throws {
        var without = motion
        without.teethOnLip = 0
        without.tongueUp = 0
        without.lipRound = 0
        without.lipStretch = 0
        without.lipPress = 0
        let plain = try Pixels.render(renderer, without)
        let shaped = try Pixels.render(renderer, motion)
        #expect(Pixels.changedFraction(plain, shaped, in: renderer.mouthRegion) > 0.02)
    }
}
