import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

@Suite("Face analysis on the astronaut portrait")
struct FaceAnalyzerTests {
    @Test("landmarks lie on the face: eyes dark, cheeks skin, lips red, in the right order")
    func landmarksFollowTheFace() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let url = try TestFixtures.astronaut()
        let faces = try analyzer.faces(inImageAt: url)
        #expect(faces.count == 1)
        let face = try #require(faces.first)
        let photo = try FrameImageWriter.readImage(at: url)

        // Her face is in the upper middle of the 512x512 picture, about 90 px across.
        #expect((150...300).contains(face.box.center.x) && (80...180).contains(face.box.center.y))
        #expect((35...60).contains(face.interocularDistance))

        // The points sit on matching features of the picture, not just somewhere in the box.
        func color(_ point: SIMD2<Double>) -> (luma: Double, redness: Double) {
            let offset = (Int(point.y.rounded()) * photo.size.width + Int(point.x.rounded())) * 4
            let b = Double(photo.pixels[offset]), g = Double(photo.pixels[offset + 1]), r = Double(photo.pixels[offset + 2])
            return (0.114 * b + 0.587 * g + 0.299 * r, r - g)
        }
        let p = face.points
        let leftPupil = face.eyeCenter(.left), rightPupil = face.eyeCenter(.right)
        let leftCheek = p[1].mix(p[31], 0.5), rightCheek = p[15].mix(p[35], 0.5)
        let cheekLuma = (color(leftCheek).luma + color(rightCheek).luma) / 2
        #expect(color(leftPupil).luma < cheekLuma - 50, "left eye centre should be darker than the cheeks")
        #expect(color(rightPupil).luma < cheekLuma - 50, "right eye centre should be darker than the cheeks")
        let lowerLip = p[57].mix(p[66], 0.5)
        #expect(color(lowerLip).redness > color(leftCheek).redness + 10, "lower lip should be redder than the cheek")

        // Anatomical order: brows above eyes above nose tip above mouth above chin.
        let eyeY = (leftPupil.y + rightPupil.y) / 2
        #expect(p[19].y < eyeY && eyeY < p[30].y && p[30].y < p[62].y && p[62].y < p[8].y)
        #expect(p[36].x < p[39].x && p[39].x < p[42].x && p[42].x < p[45].x)
    }

    @Test("several faces: numbered left to right, the largest by default")
    func severalFaces() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let portrait = try ShimImage.read(TestFixtures.astronaut())
        let small = try portrait.resampled(by: .scale(0.7, then: .zero), width: 358, height: 358, padding: .replicate)
        var smallFrame = FrameBuffer(size: FrameSize(square: 358))
        try small.copy(into: &smallFrame)
        var group = ImageMeasures.texturedBackground(FrameSize(width: 1000, height: 512))
        ImageMeasures.paste(smallFrame, into: &group, x: 20, y: 120)
        var large = FrameBuffer(size: FrameSize(square: 512))
        try portrait.copy(into: &large)
        ImageMeasures.paste(large, into: &group, x: 460, y: 0)
        let url = folder.appendingPathComponent("group.png")
        try FrameImageWriter.write(group, to: url)

        let faces = try analyzer.faces(inImageAt: url)
        try #require(faces.count == 2)
        #expect(faces[0].box.center.x < faces[1].box.center.x)
        #expect(faces[0].box.center.x < 400 && faces[1].box.center.x > 600)
        #expect(try analyzer.face(inPhotoAt: url).box == faces[1].box, "the larger face is the default")
        #expect(try analyzer.face(inPhotoAt: url, selection: .index(0)).box == faces[0].box)
        let error = #expect(throws: OratorError.self) { try analyzer.face(inPhotoAt: url, selection: .index(2)) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message == "face 2 requested but group.png has faces 0-1, left to right")
    }

    @Test("a sideways JPEG with an EXIF orientation tag is turned upright")
    func exifOrientation() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let upright = ImageMeasures.crop(try FrameImageWriter.readImage(at: TestFixtures.astronaut()), x: 40..<480, y: 0..<512)
        let plain = folder.appendingPathComponent("plain.jpg")
        try FrameImageWriter.write(ImageMeasures.rotatedCounterClockwise(upright), to: plain)
        let tagged = folder.appendingPathComponent("tagged.jpg")
        try ImageMeasures.addingExifOrientation(6, toJPEG: Data(contentsOf: plain)).write(to: tagged)

        let decoded = try FrameImageWriter.readImage(at: tagged)
        #expect(decoded.size == upright.size)
        #expect(ImageMeasures.meanDifference(decoded, upright) < 6)
        let face = try #require(try analyzer.faces(inImageAt: tagged).first)
        let eyeLine = face.eyeCenter(.right) - face.eyeCenter(.left)
        #expect(abs(atan2(eyeLine.y, eyeLine.x)) < 0.15, "eyes should be level once the tag is applied")
        #expect(try analyzer.faces(inImageAt: plain).isEmpty, "without the tag the face lies on its side")
    }

    @Test("WebP photos decode and their faces are found")
    func webp() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let url = folder.appendingPathComponent("portrait.webp")
        try FrameImageWriter.write(try FrameImageWriter.readImage(at: TestFixtures.astronaut()), to: url)
        #expect(try analyzer.faces(inImageAt: url).count == 1)
    }
}
