/// One video frame as planar YUV 4:2:0 (FFmpeg's `yuv420p`, libyuv's I420): a full-size luma
/// plane, then half-size U and V planes, rows without padding. This is what H.264 encodes, so a
/// frame in this form crosses to the encoder at 1.5 bytes per pixel instead of BGRA's 4 and
/// needs no conversion there.
public struct PlanarFrame: Sendable {
    public let size: FrameSize
    /// `size.planarByteCount` bytes: Y, then U, then V.
    public var bytes: [UInt8]

    /// A frame of black (Y 16, U and V 128, video range), as an empty frame would be encoded.
    public init(size: FrameSize) {
        self.size = size
        let luma = size.width * size.height
        bytes = [UInt8](repeating: 16, count: luma) + [UInt8](repeating: 128, count: size.planarByteCount - luma)
    }

    /// Byte offsets of the chroma planes in `bytes` (luma starts at 0).
    public var uOffset: Int { size.width * size.height }
    public var vOffset: Int { uOffset + chromaWidth * chromaHeight }
    /// Width and height of a chroma plane.
    public var chromaWidth: Int { (size.width + 1) / 2 }
    public var chromaHeight: Int { (size.height + 1) / 2 }
}

extension FrameSize {
    /// Bytes in one planar YUV 4:2:0 frame.
    public var planarByteCount: Int { width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2) }
}
