import Foundation
internal import FaceShim
import OratorCore

/// Throws `OratorError(code, message)` with the shim's own explanation as the cause unless `status` is success.
func checkShim(_ status: fs_status, _ code: OratorError.Code, _ message: @autoclosure () -> String) throws(OratorError) {
    guard status != FS_OK else { return }
    throw OratorError(code, message(), cause: String(cString: fs_last_error()))
}

/// How `ShimImage.resampled` fills the parts of the output that lie outside the source.
enum PaddingStyle: Int32, Sendable {
    /// Repeat the edge pixels.
    case replicate = 0
    /// Repeat the edge pixels and blur them into an out-of-focus backdrop.
    case blurred = 1
}

/// A decoded BGRA image owned by the shim.
final class ShimImage: @unchecked Sendable {
    // Safe: the C image is never modified after creation and the shim only reads it, so any
    // number of threads may use it at once; `deinit` is the only place it is freed.
    let handle: OpaquePointer
    let width: Int
    let height: Int

    private init(handle: OpaquePointer) {
        self.handle = handle
        self.width = Int(fs_image_width(handle))
        self.height = Int(fs_image_height(handle))
    }

    deinit { fs_image_destroy(handle) }

    /// Decodes a JPEG, PNG or WebP file (EXIF orientation applied).
    static func read(_ url: URL) throws(OratorError) -> ShimImage {
        let path = url.path
        try InputFile.requireRegular(url, role: "image")
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard bytes <= InputLimits.imageBytes else {
            throw OratorError(.invalidInput, "image \(path) is \(ByteSize(bytes)), over the limit of \(ByteSize(InputLimits.imageBytes))")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw OratorError(.unreadableFile, "cannot read image \(path): permission denied")
        }
        var handle: OpaquePointer?
        let limit = InputLimits.imagePixels
        let status = fs_image_read(path, Int64(limit), &handle)
        if status == FS_ERROR_LIMIT {
            let declared = String(cString: fs_last_error())
            throw OratorError(.invalidInput, "image \(path) declares \(declared) pixels, over the limit of \(limit / 1_000_000) megapixels: scale it down (or raise ORATOR_MAX_IMAGE_PIXELS)")
        }
        if status == FS_ERROR_DECODE {
            throw OratorError(.decodeFailed, "cannot decode image \(path): not a JPEG, PNG or WebP image, or the file is damaged")
        }
        try checkShim(status, .decodeFailed, "cannot decode image \(path)")
        guard let handle else { throw OratorError(.internalFailure, "image \(path) was decoded to nothing") }
        return ShimImage(handle: handle)
    }

    /// Copies a frame's pixels into a new image.
    convenience init(frame: FrameBuffer) throws(OratorError) {
        var handle: OpaquePointer?
        let status = frame.pixels.withUnsafeBufferPointer { pixels in
            fs_image_from_bgra(pixels.baseAddress, Int32(frame.size.width), Int32(frame.size.height),
                               Int32(frame.bytesPerRow), &handle)
        }
        try checkShim(status, .internalFailure, "cannot copy a \(frame.size) frame")
        guard let handle else { throw OratorError(.internalFailure, "cannot copy a \(frame.size) frame") }
        self.init(handle: handle)
    }

    /// The image mapped through `transform` (source to output) into a new `width` x `height` image.
    func resampled(by transform: AffineMap, width: Int, height: Int, padding: PaddingStyle) throws(OratorError) -> ShimImage {
        var handle: OpaquePointer?
        let matrix = transform.coefficients
        let status = matrix.withUnsafeBufferPointer { coefficients in
            fs_image_resample(self.handle, coefficients.baseAddress, Int32(width), Int32(height), padding.rawValue, &handle)
        }
        try checkShim(status, .internalFailure, "cannot resample a \(self.width)x\(self.height) image to \(width)x\(height)")
        guard let handle else { throw OratorError(.internalFailure, "cannot resample an image") }
        return ShimImage(handle: handle)
    }

    /// The mean colour of the pixels inside `polygon`.
    func meanColor(inside polygon: [SIMD2<Double>]) throws(OratorError) -> ColorBGR {
        let flat = polygon.flatMap { [Float($0.x), Float($0.y)] }
        var bgr = [Double](repeating: 0, count: 3)
        let status = flat.withUnsafeBufferPointer { points in
            bgr.withUnsafeMutableBufferPointer { fs_image_polygon_mean(handle, points.baseAddress, Int32(polygon.count), $0.baseAddress) }
        }
        try checkShim(status, .internalFailure, "cannot sample a colour from the photo")
        return ColorBGR(blue: bgr[0], green: bgr[1], red: bgr[2])
    }

    /// Copies the pixels into `buffer`, which must have this image's size.
    func copy(into buffer: inout FrameBuffer) throws(OratorError) {
        guard buffer.size.width == width, buffer.size.height == height else {
            throw OratorError(.renderFailed, "frame is \(buffer.size), the avatar canvas is \(width)x\(height)")
        }
        let stride = Int32(buffer.bytesPerRow)
        let status = buffer.pixels.withUnsafeMutableBufferPointer { fs_image_copy_bgra(handle, $0.baseAddress, stride) }
        try checkShim(status, .renderFailed, "cannot copy the avatar canvas")
    }

    /// Copies the pixels of `region` into the same place in `buffer` (this image's size).
    func copy(_ region: PixelRegion, into buffer: inout FrameBuffer) throws(OratorError) {
        guard buffer.size.width == width, buffer.size.height == height else {
            throw OratorError(.renderFailed, "frame is \(buffer.size), the avatar canvas is \(width)x\(height)")
        }
        let stride = Int32(buffer.bytesPerRow)
        let status = buffer.pixels.withUnsafeMutableBufferPointer {
            fs_image_copy_bgra_region(handle, $0.baseAddress, stride, Int32(region.x), Int32(region.y), Int32(region.width), Int32(region.height))
        }
        try checkShim(status, .renderFailed, "cannot copy part of the avatar canvas")
    }
}

/// An 8-bit colour as floating-point blue, green and red (0-255).
struct ColorBGR: Sendable, Equatable {
    var blue: Double
    var green: Double
    var red: Double

    /// Rec. 601 luma, 0-255.
    var luma: Double { 0.114 * blue + 0.587 * green + 0.299 * red }

    /// Each channel multiplied by `factor`.
    func scaled(_ factor: Double) -> ColorBGR { ColorBGR(blue: blue * factor, green: green * factor, red: red * factor) }

    /// A straight mix toward `other` by `amount` (0 keeps self).
    func mixed(with other: ColorBGR, _ amount: Double) -> ColorBGR {
        ColorBGR(blue: blue + (other.blue - blue) * amount, green: green + (other.green - green) * amount,
                 red: red + (other.red - red) * amount)
    }
}
