internal import CCairo
import OratorCore

/// Converts a Cairo status into a typed error; every Cairo status check goes through here.
func cairoCheck(_ status: cairo_status_t, code: OratorError.Code = .renderFailed,
                _ what: @autoclosure () -> String) throws(OratorError) {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    throw OratorError(code, what(), cause: "cairo: \(String(cString: cairo_status_to_string(status)))")
}

/// A Cairo drawing context over a block of premultiplied BGRA pixels that the caller owns.
///
/// The canvas owns the Cairo surface and context (freed in `deinit`) but not the pixels, so it
/// must not outlive the memory it draws into: create it inside `withUnsafeMutableBytes`.
final class CairoCanvas {
    /// The `cairo_t`.
    let context: OpaquePointer
    /// The image surface wrapping the caller's pixels.
    let surface: OpaquePointer
    let width: Int
    let height: Int

    /// Wraps `pixels` (`width * height * 4` bytes, rows without padding).
    init(pixels: UnsafeMutableRawPointer, width: Int, height: Int) throws(OratorError) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create_for_data(
            pixels.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32,
            Int32(width), Int32(height), Int32(width * 4))
        context = cairo_create(surface)
        try cairoCheck(cairo_surface_status(surface), "cannot draw a \(width)x\(height) frame")
        try cairoCheck(cairo_status(context), "cannot draw a \(width)x\(height) frame")
        cairo_set_antialias(context, CAIRO_ANTIALIAS_GOOD)
        // A quarter pixel is finer than the eye can tell and flattens curves into fewer edges.
        cairo_set_tolerance(context, 0.25)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Flushes drawing into the pixels and reports any error the context recorded.
    func finish(_ what: @autoclosure () -> String) throws(OratorError) {
        cairo_surface_flush(surface)
        try cairoCheck(cairo_status(context), what())
    }

    // MARK: State and transforms

    func save() { cairo_save(context) }
    func restore() { cairo_restore(context) }
    func translate(_ x: Double, _ y: Double) { cairo_translate(context, x, y) }
    func scale(_ x: Double, _ y: Double) { cairo_scale(context, x, y) }
    func rotate(_ radians: Double) { cairo_rotate(context, radians) }

    /// Converts a user-space point to device pixels, and back.
    func userToDevice(_ point: inout (x: Double, y: Double)) { cairo_user_to_device(context, &point.x, &point.y) }
    func deviceToUser(_ point: inout (x: Double, y: Double)) { cairo_device_to_user(context, &point.x, &point.y) }

    /// Runs `body` between `save()` and `restore()`.
    func isolated(_ body: () -> Void) {
        cairo_save(context)
        body()
        cairo_restore(context)
    }

    // MARK: Paths

    func move(_ x: Double, _ y: Double) { cairo_move_to(context, x, y) }
    func line(_ x: Double, _ y: Double) { cairo_line_to(context, x, y) }
    func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x: Double, _ y: Double) {
        cairo_curve_to(context, x1, y1, x2, y2, x, y)
    }
    func close() { cairo_close_path(context) }
    func rectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
        cairo_rectangle(context, x, y, width, height)
    }

    /// Adds a closed ellipse to the path.
    func ellipse(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double) {
        guard rx > 0, ry > 0 else { return }
        cairo_save(context)
        cairo_translate(context, cx, cy)
        cairo_scale(context, rx, ry)
        cairo_new_sub_path(context)
        cairo_arc(context, 0, 0, 1, 0, 2 * Double.pi)
        cairo_close_path(context)
        cairo_restore(context)
    }

    // MARK: Painting

    func setColor(_ color: RGBColor, alpha: Double = 1) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, alpha)
    }

    /// Fills the current path with a flat colour and clears it.
    func fill(_ color: RGBColor, alpha: Double = 1) {
        setColor(color, alpha: alpha)
        cairo_fill(context)
    }

    /// Fills the current path with a flat colour and keeps it for another operation.
    func fillKeepingPath(_ color: RGBColor, alpha: Double = 1) {
        setColor(color, alpha: alpha)
        cairo_fill_preserve(context)
    }

    /// Strokes the current path with round caps and joins, and clears it.
    func stroke(_ color: RGBColor, width: Double, alpha: Double = 1) {
        setColor(color, alpha: alpha)
        cairo_set_line_width(context, width)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke(context)
    }

    /// Restricts drawing to the current path (intersected with any clip) and clears it.
    func clip() { cairo_clip(context) }

    /// Fills the whole clip area with a flat colour.
    func paint(_ color: RGBColor, alpha: Double = 1) {
        setColor(color, alpha: alpha)
        cairo_paint(context)
    }

    /// Fills the current path with a linear gradient from `start` to `end` and clears it.
    func fillLinear(from start: (Double, Double), to end: (Double, Double), stops: [GradientStop]) {
        let pattern = cairo_pattern_create_linear(start.0, start.1, end.0, end.1)
        fill(with: pattern, stops: stops)
    }

    /// Fills the current path with a radial gradient and clears it.
    func fillRadial(center: (Double, Double), radius: Double, focus: (Double, Double)? = nil,
                    stops: [GradientStop]) {
        let inner = focus ?? center
        let pattern = cairo_pattern_create_radial(inner.0, inner.1, 0, center.0, center.1, radius)
        fill(with: pattern, stops: stops)
    }

    private func fill(with pattern: OpaquePointer?, stops: [GradientStop]) {
        for stop in stops {
            cairo_pattern_add_color_stop_rgba(pattern, stop.offset, stop.color.red, stop.color.green,
                                              stop.color.blue, stop.alpha)
        }
        cairo_set_source(context, pattern)
        cairo_fill(context)
        cairo_pattern_destroy(pattern)
    }
}

/// One colour stop of a gradient.
struct GradientStop {
    var offset: Double
    var color: RGBColor
    var alpha: Double = 1
}

extension CairoCanvas {
    /// Adds a smooth closed curve through `points` (a Catmull-Rom spline drawn as cubic curves).
    func smoothClosedCurve(through points: [(x: Double, y: Double)]) {
        guard points.count > 2 else { return }
        let count = points.count
        func tangent(_ index: Int) -> (x: Double, y: Double) {
            let before = points[(index + count - 1) % count]
            let after = points[(index + 1) % count]
            return ((after.x - before.x) / 6, (after.y - before.y) / 6)
        }
        move(points[0].x, points[0].y)
        for index in 0..<count {
            let next = (index + 1) % count
            let start = points[index]
            let end = points[next]
            let out = tangent(index)
            let into = tangent(next)
            curve(start.x + out.x, start.y + out.y, end.x - into.x, end.y - into.y, end.x, end.y)
        }
        close()
    }
}
