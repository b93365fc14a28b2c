/// One video frame as 8-bit BGRA pixels, rows top to bottom, no padding.
///
/// BGRA is Cairo's native `ARGB32` layout on little-endian machines (and libyuv's `ARGB`), so
/// renderers draw into it directly; the frame streamer converts it to the encoder's
/// `PlanarFrame` on the render threads.
public struct FrameBuffer: Sendable {
    public let size: FrameSize
    /// `size.width * size.height * 4` bytes.
    public var pixels: [UInt8]

    /// A frame filled with opaque black.
    public init(size: FrameSize) {
        self.size = size
        self.pixels = [UInt8](unsafeUninitializedCapacity: size.bgraByteCount) { buffer, count in
            Self.fillOpaqueBlack(UnsafeMutableRawBufferPointer(buffer))
            count = buffer.count
        }
    }

    /// Paints the whole frame opaque black again (for a buffer that is reused).
    public mutating func clearToOpaqueBlack() {
        pixels.withUnsafeMutableBytes { Self.fillOpaqueBlack($0) }
    }

    /// Writes B = G = R = 0, A = 255 over every pixel: one pixel, then copies of what is
    /// already written, doubling each time (a few large memory copies instead of a byte loop).
    private static func fillOpaqueBlack(_ bytes: UnsafeMutableRawBufferPointer) {
        guard bytes.count >= 4, let base = bytes.baseAddress else { return }
        base.storeBytes(of: UInt32(255 << 24).littleEndian, as: UInt32.self)
        var filled = 4
        while filled < bytes.count {
            let chunk = min(filled, bytes.count - filled)
            (base + filled).copyMemory(from: base, byteCount: chunk)
            filled += chunk
        }
    }

    /// Bytes per row.
    public var bytesPerRow: Int { size.width * 4 }
}
