import Foundation
internal import FaceShim
import OratorCore

/// What an image file's first bytes say about it, before anything is decoded: its format (from
/// the bytes' signature, never the name) and, once the header is complete, its declared size.
public struct ImageHeader: Sendable, Equatable {
    /// The image formats Orator decodes.
    public enum Format: String, Sendable, Codable {
        case jpeg, png, webp, bmp

        /// The MIME type.
        public var mimeType: String { self == .bmp ? "image/bmp" : "image/\(rawValue)" }
        /// The usual file extension.
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    public var format: Format
    public var width: Int
    public var height: Int

    /// The format the bytes begin with, or nil when they are not an image Orator reads.
    public static func format(of prefix: Data) -> Format? {
        let bytes = [UInt8](prefix.prefix(12))
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        if bytes.starts(with: Array("BM".utf8)) { return .bmp }
        return nil
    }

    /// The header of `prefix` (the file's first bytes), or nil when it is not an image or its
    /// header is not complete in these bytes yet.
    public static func read(_ prefix: Data) -> ImageHeader? {
        guard let format = format(of: prefix) else { return nil }
        var width: Int64 = 0, height: Int64 = 0
        let status = prefix.withUnsafeBytes { raw in
            fs_image_declared_size(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &width, &height)
        }
        guard status == FS_OK else { return nil }
        return ImageHeader(format: format, width: Int(clamping: width), height: Int(clamping: height))
    }

    /// Width times height, saturating.
    public var pixels: Int { width.multipliedReportingOverflow(by: height).overflow ? .max : width * height }

    /// Whether the declared size is within `InputLimits.imagePixels` and has no empty side.
    public var isWithinLimits: Bool { width > 0 && height > 0 && pixels <= InputLimits.imagePixels }
}
