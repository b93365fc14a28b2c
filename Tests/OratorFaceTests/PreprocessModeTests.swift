import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

@Suite("Preprocess modes")
struct PreprocessModeTests {
    /// The astronaut on a larger textured backdrop with odd sides.
    static func widePhoto(in folder: URL) throws -> (url: URL, pixels: FrameBuffer) {
        var photo = ImageMeasures.texturedBackground(FrameSize(width: 1101, height: 801))
        ImageMeasures.paste(try FrameImageWriter.readImage(at: TestFixtures.astronaut()), into: &photo, x: 300, y: 150)
        let url = folder.appendingPathComponent("wide.png")
        try FrameImageWriter.write(photo, to: url)
        return (url, photo)
    }

    @Test("full mode keeps the photo's size (rounded to even) and leaves it untouched away from the face")
    func fullModeKeepsThePhoto() throws {
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let (url, photo) = try Self.widePhoto(in: folder)
        let renderer = try PhotoAvatarRenderer(photoAt: url, configuration: .init(preprocess: .full),
                                               analyzer: Fixtures.sharedAnalyzer())
        #expect(renderer.size == FrameSize(width: 1100, height: 800))
        var frame = FrameBuffer(size: renderer.size)
        try renderer.render(MotionFrame(jawOpen: 0.8, blinkLeft: 1, blinkRight: 1, headYaw: 8, headRoll: 4), into: &frame)

        let face = renderer.face
        let center = (face.eyeCenter(.left) + face.eyeCenter(.right)) / 2
        let unit = face.interocularDistance
        var changedFar = 0, changedNear = 0
        var changedBox = (minX: Int.max, minY: Int.max, maxX: 0, maxY: 0)
        for y in 0..<800 {
            for x in 0..<1100 {
                let out = (y * 1100 + x) * 4, src = (y * 1101 + x) * 4
                guard frame.pixels[out..<(out + 3)] != photo.pixels[src..<(src + 3)] else { continue }
                changedBox = (min(changedBox.minX, x), min(changedBox.minY, y), max(changedBox.maxX, x), max(changedBox.maxY, y))
                if (SIMD2(Double(x), Double(y)) - center).length > 5 * unit { changedFar += 1 } else { changedNear += 1 }
            }
        }
        #expect(changedFar == 0, "pixels changed far from the face")
        #expect(changedNear > 1000, "the face itself is animated")
        // No pasted rectangle: the corners of the changed area are untouched photo.
        for (x, y) in [(changedBox.minX, changedBox.minY), (changedBox.maxX, changedBox.minY),
                       (changedBox.minX, changedBox.maxY), (changedBox.maxX, changedBox.maxY)] {
            let out = (y * 1100 + x) * 4, src = (y * 1101 + x) * 4
            #expect(frame.pixels[out..<(out + 3)] == photo.pixels[src..<(src + 3)], "corner (\(x), \(y)) of the changed area")
        }
    }

    @Test("crop, extcrop and resize render at the requested size with the face framed as named")
    func cropModesFrameTheFace() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let (url, _) = try Self.widePhoto(in: folder)
        var sizes: [PreprocessMode: Double] = [:]
        for mode in [PreprocessMode.crop, .extcrop, .resize] {
            let size = FrameSize(width: 384, height: 384)
            let renderer = try PhotoAvatarRenderer(photoAt: url, configuration: .init(size: size, preprocess: mode), analyzer: analyzer)
            #expect(renderer.size == size)
            var frame = FrameBuffer(size: size)
            try renderer.render(MotionFrame(jawOpen: 0.3), into: &frame)
            sizes[mode] = renderer.face.interocularDistance / 384
            if mode == .crop {
                // The framed face is really there in the output.
                let found = try #require(try analyzer.faces(in: frame).first)
                #expect((found.box.center - renderer.face.box.center).length < 10)
            }
            if mode != .resize {
                #expect(abs(renderer.face.box.center.x - 192) < 40, "\(mode) centres the face")
            }
        }
        let crop = try #require(sizes[.crop]), extended = try #require(sizes[.extcrop]), whole = try #require(sizes[.resize])
        #expect(crop > extended * 1.3, "extcrop shows more around the face than crop")
        #expect(extended > whole, "resize shows the whole photo")
    }

    @Test("a face too close to the border for the crop is padded, not refused")
    func borderFaceIsPadded() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        // Cut the portrait so her face sits in the top-left corner.
        let corner = ImageMeasures.crop(try FrameImageWriter.readImage(at: TestFixtures.astronaut()), x: 150..<500, y: 65..<415)
        let url = folder.appendingPathComponent("corner.png")
        try FrameImageWriter.write(corner, to: url)
        let renderer = try PhotoAvatarRenderer(photoAt: url, analyzer: analyzer)
        var frame = FrameBuffer(size: renderer.size)
        try renderer.render(MotionFrame(jawOpen: 0.5, headYaw: 5), into: &frame)
        let face = try #require(try analyzer.faces(in: frame).first)
        #expect(abs(face.box.center.x - 256) < 50 && abs(face.box.center.y - 256) < 80, "face centred despite the border")
        // The padding above and left of the photo continues it (no black bars, no hard edge).
        var lumas: [Double] = []
        for y in 2..<30 { for x in 2..<30 { lumas.append(ImageMeasures.luma(frame, x, y)) } }
        #expect(ImageMeasures.median(lumas) > 60, "padding is not black")
        #expect((lumas.max()! - lumas.min()!) < 80, "padding is smooth")
        // The other modes cope with the same photo: full keeps it, resize fits it.
        for mode in [PreprocessMode.full, .resize, .extcrop] {
            let other = try PhotoAvatarRenderer(photoAt: url, configuration: .init(preprocess: mode), analyzer: analyzer)
            var otherFrame = FrameBuffer(size: other.size)
            try other.render(MotionFrame(jawOpen: 0.8, blinkLeft: 1, headYaw: -8, headPitch: 6), into: &otherFrame)
            #expect(other.size == (mode == .full ? FrameSize(width: 350, height: 350) : FrameSize(square: 512)))
        }
    }

    @Test("a black-and-white photo keeps a colourless mouth")
    func grayPhoto() throws {
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        var photo = try FrameImageWriter.readImage(at: TestFixtures.astronaut())
        for index in stride(from: 0, to: photo.pixels.count, by: 4) {
            let luma = (29 * Int(photo.pixels[index]) + 150 * Int(photo.pixels[index + 1]) + 77 * Int(photo.pixels[index + 2])) >> 8
            for channel in 0..<3 { photo.pixels[index + channel] = UInt8(luma) }
        }
        let url = folder.appendingPathComponent("gray.png")
        try FrameImageWriter.write(photo, to: url)
        let renderer = try PhotoAvatarRenderer(photoAt: url, analyzer: Fixtures.sharedAnalyzer())
        var frame = FrameBuffer(size: renderer.size)
        try renderer.render(MotionFrame(jawOpen: 1, tongueUp: 0.5), into: &frame)
        var largestChroma = 0
        for offset in stride(from: 0, to: frame.pixels.count, by: 4) {
            let channels = frame.pixels[offset..<(offset + 3)].map(Int.init)
            largestChroma = max(largestChroma, channels.max()! - channels.min()!)
        }
        #expect(largestChroma <= 3, "colour appeared in a grey photo")
    }
}
