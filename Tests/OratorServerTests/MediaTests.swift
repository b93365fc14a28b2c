import Foundation
import OratorFace
@testable import OratorServer
import Testing

/// Uploads are judged by their bytes: signatures and declared image sizes.
@Suite("Upload content")
struct MediaTests {
    static func png(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
        for value in [width, height] { withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) } }
        return data + Data([8, 6, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test("a PNG header declaring 40000x40000 is over the pixel limit; 512x512 is not")
    func pixelLimit() throws {
        let bomb = try #require(ImageHeader.read(Self.png(width: 40000, height: 40000)))
        #expect(bomb.format == .png)
        #expect(bomb.width == 40000)
        #expect(!bomb.isWithinLimits)
        #expect(try #require(ImageHeader.read(Self.png(width: 512, height: 512))).isWithinLimits)
    }

    @Test("formats from signatures, not names")
    func signatures() {
        #expect(MediaSniffer.imageFormat(of: Data([0xFF, 0xD8, 0xFF, 0xE0])) == .jpeg)
        #expect(MediaSniffer.imageFormat(of: Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(MediaSniffer.imageFormat(of: Data("<html>".utf8)) == nil)
        #expect(MediaSniffer.imageFormat(of: Data("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
        #expect(MediaSniffer.audioFormat(of: Data("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8))?.fileExtension == "wav")
        #expect(MediaSniffer.audioFormat(of: Data("OggS\u{0}\u{2}".utf8))?.fileExtension == "ogg")
        #expect(MediaSniffer.audioFormat(of: Data("ID3\u{4}".utf8))?.fileExtension == "mp3")
        #expect(MediaSniffer.audioFormat(of: Data([0, 0, 0, 0x20]) + Data("ftypM4A ".utf8))?.fileExtension == "m4a")
        #expect(MediaSniffer.audioFormat(of: Self.png(width: 1, height: 1)) == nil)
        #expect(MediaSniffer.audioFormat(of: Data("just text".utf8)) == nil)
    }
}

/// The guard in front of MultipartKit: non-ASCII header names are refused wherever the chunks split.
@Suite("Multipart header guard")
struct MultipartGuardTests {
    static func accepts(_ body: String, boundary: String = "XYZ", chunk: Int) -> Bool {
        var guardrail = MultipartHeaderGuard(boundary: boundary)
        let bytes = Array(body.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            if !guardrail.accept(bytes[start..<end]) { return false }
            start = end
        }
        return true
    }

    @Test("a body with a UTF-8 file name passes; a UTF-8 header name does not", arguments: [1, 3, 7, 1000])
    func headers(chunk: Int) {
        let good = "--XYZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"café.png\"\r\nContent-Type: image/png\r\n\r\n\u{0}\u{1}é data\r\n--XYZ--\r\n"
        #expect(Self.accepts(good, chunk: chunk))
        let bad = "--XYZ\r\né: x\r\n\r\nhello\r\n--XYZ--\r\n"
        #expect(!Self.accepts(bad, chunk: chunk))
        let second = "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--XYZ\r\nnämé: x\r\n\r\nhello\r\n--XYZ--\r\n"
        #expect(!Self.accepts(second, chunk: chunk))
    }

    @Test("a delimiter whose start repeats is still found")
    func overlappingDelimiter() {
        let body = "---\r\nA: b\r\n\r\nx\r\n\r\n----\r\nné: y\r\n\r\nz\r\n-----\r\n"
        #expect(!Self.accepts(body, boundary: "-", chunk: 2))
    }
}
