internal import CCairo
import Foundation
import OratorCore

/// An image as premultiplied BGRA pixels (Cairo's ARGB32), rows without padding.
struct PixelImage: Sendable, Equatable {
    let width: Int
    let height: Int
    /// `width * height * 4` bytes.
    let pixels: [UInt8]

    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "pixel count does not match \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The eight bytes every PNG file starts with.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads a PNG file; errors carry `code` and name the file.
    static func load(from url: URL, code: OratorError.Code) throws(OratorError) -> PixelImage {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw OratorError(code == .invalidAvatar ? code : .fileNotFound, "\(path): missing")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OratorError(code, "\(path): cannot be read (permission denied)")
        }
        let head = handle.readData(ofLength: 8)
        try? handle.close()
        guard [UInt8](head) == pngSignature else {
            throw OratorError(code, "\(path): not a PNG image")
        }
        let loaded = CairoSurface(owning: cairo_image_surface_create_from_png(path))
        let status = cairo_surface_status(loaded.surface)
        // Cairo reports a damaged PNG as a read error or, in 1.16, as running out of memory.
        if [CAIRO_STATUS_READ_ERROR, CAIRO_STATUS_NO_MEMORY, CAIRO_STATUS_PNG_ERROR].contains(status) {
            throw OratorError(code, "\(path): damaged or truncated PNG image")
        }
        try cairoCheck(status, code: code, "\(path): cannot decode the PNG image")
        let width = Int(cairo_image_surface_get_width(loaded.surface))
        let height = Int(cairo_image_surface_get_height(loaded.surface))
        guard width > 0, height > 0 else { throw OratorError(code, "\(path): empty image") }
        // Cairo decodes opaque PNGs as RGB24 and grey ones as A8: paint onto ARGB32 to normalize.
        var pixels = transparentPixels(width: width, height: height)
        try drawing(into: &pixels, width: width, height: height, "converting \(path)") { canvas in
            cairo_set_source_surface(canvas.context, loaded.surface, 0, 0)
            cairo_paint(canvas.context)
        }
        return PixelImage(width: width, height: height, pixels: pixels)
    }

    /// Writes the image as a PNG file, atomically.
    func writePNG(to url: URL) throws(OratorError) {
        let output = try AtomicOutput(destination: url)
        var copy = pixels
        let status = copy.withUnsafeMutableBytes { raw -> cairo_status_t in
            let surface = CairoSurface(owning: cairo_image_surface_create_for_data(
                raw.baseAddress!.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32,
                Int32(width), Int32(height), Int32(width * 4)))
            let created = cairo_surface_status(surface.surface)
            guard created == CAIRO_STATUS_SUCCESS else { return created }
            return cairo_surface_write_to_png(surface.surface, output.temporary.path)
        }
        do {
            try cairoCheck(status, code: .unwritableOutput, "cannot write the PNG image \(url.path)")
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// Paints a new transparent image of `width` x `height` with `paint`.
    static func painted(width: Int, height: Int, _ what: @autoclosure () -> String,
                        _ paint: (CairoCanvas) -> Void) throws(OratorError) -> PixelImage {
        var pixels = transparentPixels(width: width, height: height)
        try drawing(into: &pixels, width: width, height: height, what(), paint)
        return PixelImage(width: width, height: height, pixels: pixels)
    }

    /// Runs `body` with a Cairo surface that reads these pixels. Cairo only reads a source
    /// surface, so wrapping the immutable bytes is safe, and each call makes its own surface,
    /// so several threads may draw from one image at once.
    func withSourceSurface<Result>(_ body: (OpaquePointer?) -> Result) -> Result {
        pixels.withUnsafeBytes { raw in
            let surface = CairoSurface(owning: cairo_image_surface_create_for_data(
                UnsafeMutablePointer(mutating: raw.baseAddress!.assumingMemoryBound(to: UInt8.self)),
                CAIRO_FORMAT_ARGB32, Int32(width), Int32(height), Int32(width * 4)))
            return body(surface.surface)
        }
    }

    /// Paints this image onto `canvas` with its top-left corner at user-space (`x`, `y`), at
    /// `opacity`, smoothly filtered when the user space scales or turns it.
    func paint(on canvas: CairoCanvas, x: Double, y: Double, opacity: Double = 1) {
        withSourceSurface { surface in
            canvas.save()
            cairo_set_source_surface(canvas.context, surface, x, y)
            cairo_pattern_set_filter(cairo_get_source(canvas.context), CAIRO_FILTER_GOOD)
            cairo_rectangle(canvas.context, x, y, Double(width), Double(height))
            if opacity >= 1 {
                cairo_fill(canvas.context)
            } else {
                cairo_clip(canvas.context)
                cairo_paint_with_alpha(canvas.context, opacity)
            }
            // Restoring drops the context's hold on the surface before the bytes go away.
            canvas.restore()
        }
    }

    /// The colour of one pixel, ignoring its transparency.
    func colour(atX x: Int, y: Int) -> RGBColor {
        let index = (y * width + x) * 4
        let alpha = Double(pixels[index + 3])
        guard alpha > 0 else { return .black }
        return RGBColor(red: Double(pixels[index + 2]) / alpha, green: Double(pixels[index + 1]) / alpha,
                        blue: Double(pixels[index]) / alpha)
    }
}

/// Owns one Cairo surface and destroys it when released.
final class CairoSurface {
    let surface: OpaquePointer?

    init(owning surface: OpaquePointer?) { self.surface = surface }

    deinit { cairo_surface_destroy(surface) }
}
