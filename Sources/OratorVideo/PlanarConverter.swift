internal import CYUV
import OratorCore

/// Converts rendered BGRA frames to the encoder's planar YUV 4:2:0 with libyuv (SIMD rows;
/// BT.601 video range, chroma averaged over each 2x2 block, as FFmpeg's own `bgra` to `yuv420p`
/// conversion does). Runs on the render threads, so the conversion is spread over every worker
/// instead of running on the encoder's input thread.
public enum PlanarConverter {
    /// Converts all of `frame` into `planar` (the same size).
    public static func convert(_ frame: FrameBuffer, into planar: inout PlanarFrame) throws(OratorError) {
        try convert(frame, region: PixelRegion(x: 0, y: 0, width: frame.size.width, height: frame.size.height), into: &planar)
    }

    /// Converts the pixels of `region` (widened to even edges, cut to the frame) and leaves the
    /// rest of `planar` as it was: for frames whose other pixels are the same as the last
    /// frame converted into `planar`.
    public static func convert(_ frame: FrameBuffer, region: PixelRegion, into planar: inout PlanarFrame) throws(OratorError) {
        guard frame.size == planar.size else {
            throw OratorError(.internalFailure, "cannot convert a \(frame.size) frame into a \(planar.size) planar frame")
        }
        let area = evenBounds(region, in: frame.size)
        guard area.width > 0, area.height > 0 else { return }
        let width = frame.size.width
        let (uOffset, vOffset, chromaWidth) = (planar.uOffset, planar.vOffset, planar.chromaWidth)
        let status = frame.pixels.withUnsafeBufferPointer { source in
            planar.bytes.withUnsafeMutableBufferPointer { target -> Int32 in
                guard let from = source.baseAddress, let to = target.baseAddress else { return -1 }
                let chromaStart = (area.y / 2) * chromaWidth + area.x / 2
                return ARGBToI420(from + (area.y * width + area.x) * 4, Int32(width * 4),
                                  to + area.y * width + area.x, Int32(width),
                                  to + uOffset + chromaStart, Int32(chromaWidth),
                                  to + vOffset + chromaStart, Int32(chromaWidth),
                                  Int32(area.width), Int32(area.height))
            }
        }
        guard status == 0 else {
            throw OratorError(.renderFailed, "libyuv could not convert a \(frame.size) frame to YUV 4:2:0 (status \(status))")
        }
    }

    /// `region` cut to the frame, its edges moved out to even pixels so that whole 2x2 chroma
    /// blocks are converted.
    static func evenBounds(_ region: PixelRegion, in size: FrameSize) -> PixelRegion {
        let cut = region.clamped(width: size.width, height: size.height)
        let left = cut.x & ~1, top = cut.y & ~1
        let right = min(size.width, (cut.x + cut.width + 1) & ~1)
        let bottom = min(size.height, (cut.y + cut.height + 1) & ~1)
        return PixelRegion(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }
}
