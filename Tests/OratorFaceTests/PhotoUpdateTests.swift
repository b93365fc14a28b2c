import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

/// Drawing over the last frame (only the photo under the moved triangles copied again) must
/// give exactly the frame a full render gives: the region `update` returns is what the frame
/// streamer converts and what the next frame restores.
@Suite("Photo frames drawn over the last one")
struct PhotoUpdateTests {
    /// Speech-like motion with head movement, blinks, brows and extremes.
    static func motions() -> [MotionFrame] {
        (0..<40).map { index in
            let time = Double(index) / 25
            return MotionFrame(jawOpen: Float(max(0, sin(time * 9))), lipRound: Float(0.4 * max(0, cos(time * 5))),
                               blinkLeft: index % 13 == 0 ? 1 : 0, blinkRight: index % 13 == 0 ? 1 : 0,
                               browRaise: Float(0.5 * sin(time * 3)), headYaw: Float(6 * sin(time * 2)),
                               headPitch: Float(4 * cos(time * 1.5)), headRoll: Float(3 * sin(time)),
                               translateX: Float(0.01 * sin(time * 4)), translateY: Float(0.008 * cos(time * 3)))
        } + [MotionFrame(), MotionFrame(jawOpen: 1, headYaw: 12), MotionFrame()]
    }

    @Test("update over the previous frame equals a full render, in crop and full modes",
          arguments: [PreprocessMode.crop, .full])
    func updateMatchesRender(mode: PreprocessMode) throws {
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(),
                                               configuration: PhotoAvatarConfiguration(preprocess: mode),
                                               analyzer: Fixtures.sharedAnalyzer())
        var over = FrameBuffer(size: renderer.size)
        var full = FrameBuffer(size: renderer.size)
        var previous: PixelRegion?
        var changedArea = 0
        for (index, motion) in Self.motions().enumerated() {
            previous = try renderer.update(motion, over: &over, previous: previous)
            try renderer.render(motion, into: &full)
            let region = try #require(previous, "the photo renderer knows where a frame changes")
            changedArea = max(changedArea, region.area)
            #expect(over.pixels == full.pixels, "frame \(index) differs from a full render")
        }
        // In `full` mode the photo around the head is not drawn again: the region is a part of
        // the frame. (A crop is mostly face, and head motion reaches its edges.)
        let share = Double(changedArea) / Double(renderer.size.width * renderer.size.height)
        #expect(changedArea > 0)
        if mode == .full { #expect(share < 0.6, "the changed region covers \(share) of the frame") }
    }
}
