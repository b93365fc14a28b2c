/// Draws one eye and its brow in local coordinates around the eye centre.
///
/// Coordinates are those of the viewer's right eye (outer corner towards +x); the left eye is
/// drawn through a mirrored transform.
struct EyePainter {
    let palette: PresenterPalette
    /// Eyes widened (1, surprise: the upper lid lifts) or narrowed (-1: the lids close a third).
    var widen = 0.0
    /// The lower lid pushed up by a raised cheek, 0...1.
    var lowerLift = 0.0

    /// Eye corners and the control points of the open upper lid, the lower lid and the closed lid.
    private static let inner = (x: -30.0, y: 2.0)
    private static let outer = (x: 31.0, y: -1.0)
    private static let closedLid = (c1: (x: -14.0, y: 11.0), c2: (x: 18.0, y: 10.0))
    private var openLid: (c1: (x: Double, y: Double), c2: (x: Double, y: Double)) {
        let lift = 7 * max(0, min(1, widen))
        return (c1: (x: -18.0, y: -21.0 - lift), c2: (x: 16.0, y: -22.0 - lift))
    }
    private var lowerLid: (c1: (x: Double, y: Double), c2: (x: Double, y: Double)) {
        let lift = 7 * max(0, min(1, lowerLift))
        return (c1: (x: 18.0, y: 14.0 - lift), c2: (x: -14.0, y: 15.0 - lift))
    }

    /// Paints the eye with the lid `closure` (0 open, 1 shut) and the iris shifted by `gaze`.
    func paintEye(on canvas: CairoCanvas, closure: Double, gaze: Double) {
        let squint = max(0, min(1, -widen))
        let closure = min(max(closure + (1 - closure) * 0.3 * squint, 0), 1)
        canvas.save()
        almond(on: canvas)
        canvas.fillKeepingPath(palette.eyeWhite)
        canvas.clip()
        canvas.ellipse(gaze, 2, 15, 15)
        canvas.fillRadial(center: (gaze, 2), radius: 15, stops: [
            GradientStop(offset: 0.35, color: palette.iris.lighter(0.12)),
            GradientStop(offset: 1, color: palette.irisDark),
        ])
        canvas.ellipse(gaze, 2, 6.8, 6.8)
        canvas.fill(palette.pupil)
        canvas.ellipse(gaze + 4.6, -4.4, 3.4, 3.4)
        canvas.fill(.white, alpha: 0.95)
        canvas.ellipse(gaze - 4.2, 5, 1.5, 1.5)
        canvas.fill(.white, alpha: 0.6)
        // Shadow the upper lid casts on the eyeball.
        lidEdge(on: canvas, closure: closure)
        canvas.stroke(.black, width: 7, alpha: 0.12)
        if closure > 0.01 {
            lidEdge(on: canvas, closure: closure)
            canvas.line(Self.outer.x + 4, -34)
            canvas.line(Self.inner.x - 4, -34)
            canvas.close()
            canvas.fill(palette.eyelid)
        }
        canvas.restore()
        // Lower lid.
        canvas.move(Self.outer.x, Self.outer.y)
        canvas.curve(lowerLid.c1.x, lowerLid.c1.y, lowerLid.c2.x, lowerLid.c2.y,
                     Self.inner.x, Self.inner.y)
        canvas.stroke(palette.skinDeep, width: 1.5, alpha: 0.3 * (1 - closure))
        paintLashesAndFold(on: canvas, closure: closure)
    }

    /// A shut lid that covers an open eye completely: the lid, a little larger than the eye,
    /// with its lashes and fold. It is what a pack's closed-eyes sprite shows.
    func paintClosedLid(on canvas: CairoCanvas) {
        almond(on: canvas)
        canvas.fillKeepingPath(palette.eyelid)
        canvas.stroke(palette.eyelid, width: 4)
        paintLashesAndFold(on: canvas, closure: 1)
    }

    /// Lashes along the upper lid's edge with a small flick at the outer corner, and the fold
    /// of the upper lid, which follows the lid down a little.
    private func paintLashesAndFold(on canvas: CairoCanvas, closure: Double) {
        lidEdge(on: canvas, closure: closure)
        canvas.line(Self.outer.x + 3, Self.outer.y - 2 + 2 * closure)
        canvas.stroke(palette.lash, width: 3.6)
        let fold = -27 + 8 * closure
        canvas.move(-21, fold + 6)
        canvas.curve(-10, fold - 1, 12, fold - 2, 24, fold + 5)
        canvas.stroke(palette.skinShade, width: 2, alpha: 0.45)
    }

    /// Paints the brow, centred on (0, 0); `raise` is -1 (frown) ... 1 (raised).
    func paintBrow(on canvas: CairoCanvas, raise: Double) {
        let raise = min(max(raise, -1), 1)
        canvas.save()
        canvas.translate(0, -12 * raise)
        // Frowning pulls the inner end down; raising lifts it a little more than the outer end.
        canvas.rotate(raise < 0 ? 0.16 * raise : -0.05 * raise)
        canvas.move(-36, 7)
        canvas.curve(-20, -3, 14, -8, 40, 3)
        canvas.curve(41, 4, 41, 3, 40, 0)
        canvas.curve(14, -16, -18, -15, -35, -7)
        canvas.curve(-39, -4, -39, 4, -36, 7)
        canvas.close()
        canvas.fill(palette.hair)
        canvas.restore()
    }

    private func almond(on canvas: CairoCanvas) {
        canvas.move(Self.inner.x, Self.inner.y)
        canvas.curve(openLid.c1.x, openLid.c1.y, openLid.c2.x, openLid.c2.y,
                     Self.outer.x, Self.outer.y)
        canvas.curve(lowerLid.c1.x, lowerLid.c1.y, lowerLid.c2.x, lowerLid.c2.y,
                     Self.inner.x, Self.inner.y)
        canvas.close()
    }

    /// The edge of the upper lid, inner corner to outer, for a closure between open and shut.
    private func lidEdge(on canvas: CairoCanvas, closure: Double) {
        let c1 = (lerp(openLid.c1.x, Self.closedLid.c1.x, closure), lerp(openLid.c1.y, Self.closedLid.c1.y, closure))
        let c2 = (lerp(openLid.c2.x, Self.closedLid.c2.x, closure), lerp(openLid.c2.y, Self.closedLid.c2.y, closure))
        canvas.move(Self.inner.x, Self.inner.y)
        canvas.curve(c1.0, c1.1, c2.0, c2.1, Self.outer.x, Self.outer.y)
    }
}
