import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

/// A photo avatar made from landmarks found before (and stored as JSON, as `orator stage face`
/// does) draws the same pixels as one that detects them itself.
@Suite("Photo avatar from precomputed landmarks")
struct PrecomputedLandmarksTests {
    @Test("stored landmarks give the same frames as detection", arguments: [PreprocessMode.crop, .full])
    func sameFrames(preprocess: PreprocessMode) throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let photo = try TestFixtures.astronaut()
        let configuration = PhotoAvatarConfiguration(size: FrameSize(square: 192), preprocess: preprocess)
        let stored = try JSONEncoder().encode(try analyzer.face(inPhotoAt: photo))
        let face = try JSONDecoder().decode(FaceLandmarks.self, from: stored)
        let detected = try PhotoAvatarRenderer(photoAt: photo, configuration: configuration, analyzer: analyzer)
        let given = try PhotoAvatarRenderer(photoAt: photo, face: face, configuration: configuration)
        // Decoded once, its face found on it and the renderer built from the same pixels (how a
        // run frees the landmark model before the renderer's buffers exist).
        let portrait = try PortraitPhoto(contentsOf: photo)
        let decodedOnce = try PhotoAvatarRenderer(photo: portrait, face: try analyzer.face(in: portrait), configuration: configuration)
        #expect(given.size == detected.size && decodedOnce.size == detected.size)
        var expected = FrameBuffer(size: detected.size), drawn = FrameBuffer(size: given.size), once = FrameBuffer(size: given.size)
        for motion in [MotionFrame(jawOpen: 0), MotionFrame(jawOpen: 0.8, lipRound: 0.3), MotionFrame(jawOpen: 0.4)] {
            try detected.render(motion, into: &expected)
            try given.render(motion, into: &drawn)
            try decodedOnce.render(motion, into: &once)
            #expect(drawn.pixels == expected.pixels)
            #expect(once.pixels == expected.pixels)
        }
        // And the landmarks matter: moved ones draw another face.
        let moved = FaceLandmarks(box: face.box, points: face.points.map { $0 + SIMD2(5, 0) })
        let shifted = try PhotoAvatarRenderer(photoAt: photo, face: moved, configuration: configuration)
        var other = FrameBuffer(size: shifted.size)
        try shifted.render(MotionFrame(jawOpen: 0.4), into: &other)
        #expect(other.pixels != expected.pixels)
    }

    @Test("a face without 68 landmarks is refused")
    func refusesIncompleteFaces() throws {
        let face = FaceLandmarks(box: FaceBox(left: 0, top: 0, right: 10, bottom: 10, score: 1), points: [SIMD2(1, 1)])
        #expect(throws: OratorError.self) { try PhotoAvatarRenderer(photoAt: try TestFixtures.astronaut(), face: face) }
        #expect(throws: OratorError.self) {
            try PhotoAvatarRenderer(photo: try PortraitPhoto(contentsOf: try TestFixtures.astronaut()), face: face)
        }
    }
}
