/// One video frame as 8-bit BGRA pixels, rows top to bottom, no padding.
///
/// BGRA is Cairo's native `ARGB32` layout on little-endian machines and FFmpeg's `bgra`
/// pixel format, so a frame goes from renderer to encoder without conversion.
public struct FrameBuffer: Sendable {
    public let size: FrameSize
    /// `size.width * size.height * 4` bytes.
    public var pixels: [UInt8]

    /// A frame filled with opaque black.
    public init(size: FrameSize) {
        self.size = size
        var bytes = [UInt8](repeating: 0, count: size.bgraByteCount)
        for index in Swift.stride(from: 3, to: bytes.count, by: 4) { bytes[index] = 255 }
        self.pixels = bytes
    }

    /// Bytes per row.
    public var bytesPerRow: Int { size.width * 4 }
}
