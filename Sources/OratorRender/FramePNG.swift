import Foundation
import OratorCore

/// Still frames as PNG files: previews, thumbnails and test output.
public enum FramePNG {
    /// Writes `frame` to `url` as a PNG (atomically: a failed write leaves nothing behind).
    public static func write(_ frame: FrameBuffer, to url: URL) throws(OratorError) {
        try PixelImage(width: frame.size.width, height: frame.size.height, pixels: frame.pixels).writePNG(to: url)
    }

    /// Reads a PNG file into a frame (premultiplied BGRA).
    public static func read(from url: URL) throws(OratorError) -> FrameBuffer {
        let image = try PixelImage.load(from: url, code: .unreadableFile)
        var frame = FrameBuffer(size: FrameSize(width: image.width, height: image.height))
        frame.pixels = image.pixels
        return frame
    }
}
