import Foundation
import OratorCore
import OratorRender
import Testing

@Suite("Built-in presenter: eyes, brows and head")
struct BuiltinMotionTests {
    let renderer: BuiltinAvatarRenderer

    init() throws {
        renderer = try BuiltinAvatarRenderer(size: FrameSize(square: 512))
    }

    /// The left or right half of the eye region.
    private func eyeHalf(left: Bool) -> PixelRegion {
        let region = renderer.eyeRegion
        let half = region.width / 2
        return PixelRegion(x: left ? region.x : region.x + half, y: region.y, width: half, height: region.height)
    }

    @Test("Each blink closes its own eye and nothing else")
    func blinksCloseEachEye() throws {
        let open = try Pixels.render(renderer, .rest)
        let leftShut = try Pixels.render(renderer, MotionFrame(blinkLeft: 1))
        let rightShut = try Pixels.render(renderer, MotionFrame(blinkRight: 1))
        #expect(Pixels.changedFraction(open, leftShut, in: eyeHalf(left: true)) > 0.08)
        #expect(Pixels.meanDifference(open, leftShut, in: eyeHalf(left: false)) == 0)
        #expect(Pixels.changedFraction(open, rightShut, in: eyeHalf(left: false)) > 0.08)
        #expect(Pixels.meanDifference(open, rightShut, in: eyeHalf(left: true)) == 0)
        #expect(Pixels.meanDifference(open, leftShut, in: renderer.mouthRegion) == 0)
        // Half closed lies between open and shut.
        let half = try Pixels.render(renderer, MotionFrame(blinkLeft: 0.5))
        let toHalf = Pixels.meanDifference(open, half, in: eyeHalf(left: true))
        #expect(toHalf > 0 && toHalf < Pixels.meanDifference(open, leftShut, in: eyeHalf(left: true)))
    }

    @Test("Raising and lowering the brows moves them")
    func browsMove() throws {
        let layout = renderer.eyeRegion
        let brows = PixelRegion(x: layout.x, y: layout.y - layout.height, width: layout.width, height: layout.height + 4)
        let rest = try Pixels.render(renderer, .rest)
        let raised = try Pixels.render(renderer, MotionFrame(browRaise: 1))
        let frown = try Pixels.render(renderer, MotionFrame(browRaise: -1))
        #expect(Pixels.changedFraction(rest, raised, in: brows) > 0.04)
        #expect(Pixels.changedFraction(rest, frown, in: brows) > 0.04)
        #expect(Pixels.changedFraction(raised, frown, in: brows) > 0.04)
    }

    @Test("Tilting the head moves the head but not the frame's corners or the shoulders")
    func rollMovesHeadOnly() throws {
        let rest = try Pixels.render(renderer, .rest)
        let tilted = try Pixels.render(renderer, MotionFrame(headRoll: 10))
        #expect(Pixels.changedFraction(rest, tilted, in: renderer.eyeRegion) > 0.1)
        #expect(Pixels.changedFraction(rest, tilted, in: renderer.mouthRegion) > 0.05)
        let size = renderer.size
        for (x, y) in [(0, 0), (size.width - 1, 0), (0, size.height - 1), (size.width - 1, size.height - 1)] {
            #expect(Pixels.pixel(rest, x: x, y: y) == Pixels.pixel(tilted, x: x, y: y))
        }
        let shoulders = PixelRegion(x: 0, y: size.height * 88 / 100, width: size.width, height: size.height * 12 / 100)
        #expect(Pixels.meanDifference(rest, tilted, in: shoulders) == 0)
    }

    /// The centre of the dark mouth cavity of a wide-open mouth, in frame pixels.
    private func cavityCentre(_ motion: MotionFrame) throws -> (x: Double, y: Double) {
        var open = motion
        open.jawOpen = 0.9
        let frame = try Pixels.render(renderer, open)
        let region = renderer.mouthRegion.clamped(width: 512, height: 512)
        var sumX = 0.0, sumY = 0.0, count = 0.0
        // Room for the moves under test, but not reaching the eyes (whose pupils are dark too).
        let search = PixelRegion(x: region.x - 30, y: region.y - 12, width: region.width + 60, height: region.height + 40)
        for y in search.y..<search.y + search.height {
            for x in search.x..<search.x + search.width {
                let pixel = Pixels.pixel(frame, x: x, y: y)
                if pixel[2] < 90, pixel[1] < 40 { sumX += Double(x); sumY += Double(y); count += 1 }
            }
        }
        #expect(count > 100, "no mouth cavity found")
        return (sumX / max(count, 1), sumY / max(count, 1))
    }

    @Test("Turning and nodding move the features the right way")
    func yawAndPitchMoveFeatures() throws {
        let centre = try cavityCentre(.rest)
        let right = try cavityCentre(MotionFrame(headYaw: 10))
        let left = try cavityCentre(MotionFrame(headYaw: -10))
        let down = try cavityCentre(MotionFrame(headPitch: 10))
        let up = try cavityCentre(MotionFrame(headPitch: -10))
        #expect(right.x > centre.x + 4 && left.x < centre.x - 4)
        #expect(down.y > centre.y + 4 && up.y < centre.y - 4)
        #expect(abs(right.y - centre.y) < 2 && abs(down.x - centre.x) < 2)
    }

    @Test("Shifting the head moves it by the given fraction of the frame height")
    func translationMovesHead() throws {
        let centre = try cavityCentre(.rest)
        let moved = try cavityCentre(MotionFrame(translateX: 0.02, translateY: -0.01))
        #expect(abs(moved.x - centre.x - 0.02 * 512) < 1.5)
        #expect(abs(moved.y - centre.y + 0.01 * 512) < 1.5)
    }
}
