import Foundation
import OratorCore
@testable import OratorFace
import OratorTestSupport
import Testing

@Suite("Image files: formats and EXIF orientation")
struct ImageFileTests {
    /// A 48x32 picture of six grey blocks (3 across, 2 down), each a different level, so any
    /// flip or turn of it is told apart from the upright picture.
    static func blocks() -> FrameBuffer {
        var frame = FrameBuffer(size: FrameSize(width: 48, height: 32))
        let levels: [UInt8] = [20, 60, 100, 140, 180, 230]
        for y in 0..<32 {
            for x in 0..<48 {
                let level = levels[(y / 16) * 3 + x / 16]
                let offset = (y * 48 + x) * 4
                frame.pixels[offset] = level; frame.pixels[offset + 1] = level
                frame.pixels[offset + 2] = level; frame.pixels[offset + 3] = 255
            }
        }
        return frame
    }

    /// The stored image that a viewer shows as `upright` when the file carries `orientation`:
    /// per EXIF, the tag says where the stored 0th row and 0th column appear on screen.
    static func stored(_ upright: FrameBuffer, orientation: Int) -> FrameBuffer {
        let width = upright.size.width, height = upright.size.height
        let turned = orientation >= 5
        let size = turned ? FrameSize(width: height, height: width) : upright.size
        var result = FrameBuffer(size: size)
        for row in 0..<size.height {
            for column in 0..<size.width {
                let (x, y): (Int, Int)
                switch orientation {
                case 2: (x, y) = (width - 1 - column, row)
                case 3: (x, y) = (width - 1 - column, height - 1 - row)
                case 4: (x, y) = (column, height - 1 - row)
                case 5: (x, y) = (row, column)
                case 6: (x, y) = (width - 1 - row, column)
                case 7: (x, y) = (width - 1 - row, height - 1 - column)
                case 8: (x, y) = (row, height - 1 - column)
                default: (x, y) = (column, row)
                }
                let from = (y * width + x) * 4, to = (row * size.width + column) * 4
                for channel in 0..<4 { result.pixels[to + channel] = upright.pixels[from + channel] }
            }
        }
        return result
    }

    @Test("every EXIF orientation (1-8) of a JPEG is turned upright", arguments: 1...8)
    func orientation(_ orientation: Int) throws {
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let upright = Self.blocks()
        let plain = folder.appendingPathComponent("plain.jpg")
        try FrameImageWriter.write(Self.stored(upright, orientation: orientation), to: plain)
        let tagged = folder.appendingPathComponent("tagged.jpg")
        try ImageMeasures.addingExifOrientation(UInt8(orientation), toJPEG: Data(contentsOf: plain)).write(to: tagged)

        let decoded = try FrameImageWriter.readImage(at: tagged)
        #expect(decoded.size == upright.size)
        #expect(ImageMeasures.meanDifference(decoded, upright) < 4)
    }

    @Test("PNG is lossless, JPEG and WebP close, each read back at its size", arguments: ["png", "jpg", "webp"])
    func roundTrip(_ format: String) throws {
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let picture = Self.blocks()
        let url = folder.appendingPathComponent("blocks.\(format)")
        try FrameImageWriter.write(picture, to: url)
        let decoded = try FrameImageWriter.readImage(at: url)
        #expect(decoded.size == picture.size)
        let limit = format == "png" ? 0.0 : 4.0
        #expect(ImageMeasures.meanDifference(decoded, picture) <= limit)
    }

    @Test("an unknown extension cannot be written and leaves no file")
    func unknownExtension() throws {
        let scratch = try TemporaryFolder("face-tests")
        let folder = scratch.url
        let url = folder.appendingPathComponent("blocks.tga")
        #expect(throws: OratorError.self) { try FrameImageWriter.write(Self.blocks(), to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
