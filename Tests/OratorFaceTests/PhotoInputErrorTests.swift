import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

@Suite("Bad photo input gives one clear error")
struct PhotoInputErrorTests {
    @Test("a photo without a face says so and how to fix it")
    func noFace() throws {
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        var flat = FrameBuffer(size: FrameSize(width: 320, height: 240))
        for index in stride(from: 0, to: flat.pixels.count, by: 4) {
            flat.pixels[index] = 90
            flat.pixels[index + 1] = 140
            flat.pixels[index + 2] = 200
        }
        let url = folder.appendingPathComponent("photo.png")
        try FrameImageWriter.write(flat, to: url)
        let error = #expect(throws: OratorError.self) {
            try PhotoAvatarRenderer(photoAt: url, analyzer: Fixtures.sharedAnalyzer())
        }
        #expect(error?.code == .noFaceFound)
        #expect(error?.message == "no face found in photo.png (use a clear, frontal photo; the face should be at least 80 px wide)")
    }

    @Test("a corrupt or truncated file names the file", arguments: ["garbage", "truncated"])
    func corruptFile(kind: String) throws {
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let url = folder.appendingPathComponent("photo.jpg")
        let bytes = kind == "garbage" ? Data("this is not a picture".utf8) : try Data(contentsOf: TestFixtures.astronaut()).prefix(300)
        try bytes.write(to: url)
        let error = #expect(throws: OratorError.self) {
            try PhotoAvatarRenderer(photoAt: url, analyzer: Fixtures.sharedAnalyzer())
        }
        #expect(error?.code == .decodeFailed)
        #expect(error?.message.contains(url.path) == true)
    }

    @Test("a missing photo or landmark model is reported by path")
    func missingFiles() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/portrait.jpg")
        let photoError = #expect(throws: OratorError.self) {
            try PhotoAvatarRenderer(photoAt: missing, analyzer: Fixtures.sharedAnalyzer())
        }
        #expect(photoError?.code == .fileNotFound)
        #expect(photoError?.message == "image not found: /nonexistent/portrait.jpg")
        let modelError = #expect(throws: OratorError.self) { try FaceAnalyzer(modelPath: "/nonexistent/model.dat") }
        #expect(modelError?.code == .fileNotFound)
        #expect(modelError?.message.contains("/nonexistent/model.dat") == true)
    }

    @Test("a frame buffer of the wrong size is refused")
    func wrongBufferSize() throws {
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: Fixtures.sharedAnalyzer())
        var frame = FrameBuffer(size: FrameSize(square: 256))
        let error = #expect(throws: OratorError.self) { try renderer.render(.rest, into: &frame) }
        #expect(error?.code == .renderFailed)
    }
}
