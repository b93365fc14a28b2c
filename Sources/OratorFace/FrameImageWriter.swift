import Foundation
internal import FaceShim
import OratorCore

/// Saves single frames as image files and reads images back as frames (for snapshots,
/// previews, tests and debugging).
public enum FrameImageWriter {
    /// Writes `frame` to `url` in the format its extension names: `.png`, `.jpg` or `.webp`
    /// (alpha dropped).
    public static func write(_ frame: FrameBuffer, to url: URL) throws(OratorError) {
        let status = frame.pixels.withUnsafeBufferPointer {
            fs_write_image($0.baseAddress, Int32(frame.size.width), Int32(frame.size.height), Int32(frame.bytesPerRow), url.path)
        }
        try checkShim(status, .unwritableOutput, "cannot write \(url.path)")
    }

    /// Decodes an image file into a frame (JPEG, PNG or WebP; EXIF orientation applied).
    public static func readImage(at url: URL) throws(OratorError) -> FrameBuffer {
        let image = try ShimImage.read(url)
        var frame = FrameBuffer(size: FrameSize(width: image.width, height: image.height))
        try image.copy(into: &frame)
        return frame
    }
}
