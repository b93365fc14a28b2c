internal import CCairo
import OratorCore

/// A soft shading (gradients, glows) painted once into pixels and then used as the fill of
/// shapes that move, which is far cheaper per frame than drawing the gradients again.
///
/// The texture covers a rectangle of the drawing's user space at a fixed pixel density. It
/// holds only immutable pixels: each fill wraps them in a short-lived Cairo surface, so one
/// texture serves frames drawn on several threads at once.
struct ShadingTexture: Sendable {
    /// The user-space rectangle the texture covers.
    let left: Double
    let top: Double
    /// Texture pixels per user-space unit.
    let density: Double
    let image: PixelImage

    /// Paints `paint` (in user space) into a texture covering `left...right`, `top...bottom`
    /// at `density` pixels per unit.
    init(left: Double, top: Double, right: Double, bottom: Double, density: Double,
         paint: (CairoCanvas) -> Void) throws(OratorError) {
        let width = max(Int(((right - left) * density).rounded(.up)), 1)
        let height = max(Int(((bottom - top) * density).rounded(.up)), 1)
        image = try PixelImage.painted(width: width, height: height, "painting a \(width)x\(height) shading texture") { canvas in
            canvas.scale(density, density)
            canvas.translate(-left, -top)
            paint(canvas)
        }
        self.left = left
        self.top = top
        self.density = density
    }

    /// Fills the canvas's current path with the texture where `paint` put it in user space.
    ///
    /// The texture is moved with the user space but never rotated or resampled: it is placed at
    /// a whole-pixel offset so the compositor copies it straight. Soft shading turned by a few
    /// degrees looks the same, and a rotated fetch would cost many times more.
    func fillCurrentPath(on canvas: CairoCanvas) {
        fillCurrentPath(on: canvas, centredAt: (left + Double(image.width) / density / 2,
                                                top + Double(image.height) / density / 2))
    }

    /// Fills the canvas's current path with the texture, its centre placed at the user-space
    /// point `centre` (and, as above, never rotated).
    func fillCurrentPath(on canvas: CairoCanvas, centredAt centre: (x: Double, y: Double)) {
        let context = canvas.context
        var anchorX = centre.x
        var anchorY = centre.y
        cairo_user_to_device(context, &anchorX, &anchorY)
        let offsetX = (anchorX - Double(image.width) / 2).rounded()
        let offsetY = (anchorY - Double(image.height) / 2).rounded()
        image.withSourceSurface { surface in
            // The path is already in device space; with an identity transform the texture sits
            // at an exact whole-pixel offset. Restoring drops the context's hold on the bytes.
            cairo_save(context)
            cairo_identity_matrix(context)
            cairo_set_source_surface(context, surface, offsetX, offsetY)
            cairo_fill(context)
            cairo_restore(context)
        }
    }
}
