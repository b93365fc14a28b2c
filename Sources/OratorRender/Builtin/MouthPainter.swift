/// Draws the mouth from its geometry, in local coordinates around the mouth centre.
struct MouthPainter {
    let palette: PresenterPalette
    let mouth: MouthGeometry

    func paint(on canvas: CairoCanvas) {
        // Lips as one shape in the lower lip's colour, then the darker upper lip over it.
        outerUpper(on: canvas)
        outerLower(on: canvas)
        canvas.close()
        canvas.fill(palette.lowerLip)
        outerUpper(on: canvas)
        canvas.line(mouth.innerHalfWidth, mouth.cornerY)
        innerUpper(on: canvas, leftToRight: false)
        canvas.close()
        canvas.fill(palette.upperLip)
        if mouth.gap > 0.4 { paintOpening(on: canvas) }
        paintLipDetails(on: canvas)
        if mouth.teethOnLip > 0.01 { paintTeethOnLip(on: canvas) }
    }

    // MARK: Paths

    /// Top edge of the upper lip, corner to corner, with a cupid's bow.
    private func outerUpper(on canvas: CairoCanvas) {
        let w = mouth.halfWidth
        let c = mouth.cornerY
        let top = mouth.upperTop
        let bow = 2.5 * (1 - mouth.roundness)
        canvas.move(-w, c)
        canvas.curve(-0.82 * w, c - 3, -0.52 * w, top - 1.5, -0.28 * w, top - 1.5)
        canvas.curve(-0.17 * w, top - 1.5, -0.07 * w, top + bow, 0, top + bow)
        canvas.curve(0.07 * w, top + bow, 0.17 * w, top - 1.5, 0.28 * w, top - 1.5)
        canvas.curve(0.52 * w, top - 1.5, 0.82 * w, c - 3, w, c)
    }

    /// Bottom edge of the lower lip, right corner to left.
    private func outerLower(on canvas: CairoCanvas) {
        let w = mouth.halfWidth
        let c = mouth.cornerY
        let control = (4 * mouth.lowerBottom - c) / 3
        canvas.curve(0.66 * w, control, -0.66 * w, control, -w, c)
    }

    /// The horizontal reach of the opening's control points: wider makes a rounder opening.
    private var openingReach: Double { 0.55 + 0.45 * mouth.roundness }

    /// Lower edge of the upper lip, between the inner corners.
    private func innerUpper(on canvas: CairoCanvas, leftToRight: Bool) {
        let w = mouth.innerHalfWidth
        let c = mouth.cornerY
        let control = (4 * mouth.upperInner - c) / 3
        let reach = openingReach * w
        if leftToRight {
            canvas.curve(-reach, control, reach, control, w, c)
        } else {
            canvas.curve(reach, control, -reach, control, -w, c)
        }
    }

    /// Upper edge of the lower lip, right inner corner to left.
    private func innerLower(on canvas: CairoCanvas) {
        let w = mouth.innerHalfWidth
        let c = mouth.cornerY
        let control = (4 * mouth.lowerInner - c) / 3
        let reach = openingReach * w
        canvas.curve(reach, control, -reach, control, -w, c)
    }

    private func openingPath(on canvas: CairoCanvas) {
        canvas.move(-mouth.innerHalfWidth, mouth.cornerY)
        innerUpper(on: canvas, leftToRight: true)
        innerLower(on: canvas)
        canvas.close()
    }

    // MARK: Inside the mouth

    private func paintOpening(on canvas: CairoCanvas) {
        canvas.save()
        openingPath(on: canvas)
        canvas.fillKeepingPath(palette.cavity)
        canvas.clip()
        let top = mouth.upperInner
        let bottom = mouth.lowerInner
        let width = mouth.innerHalfWidth
        paintTongue(on: canvas, top: top, bottom: bottom, width: width)
        if mouth.lowerTeeth > 0.3 {
            let teethTop = bottom - mouth.lowerTeeth
            let half = max(width * 0.72, 8)
            canvas.move(-half, bottom + 6)
            canvas.line(-half, teethTop + 3)
            canvas.curve(-half * 0.4, teethTop, half * 0.4, teethTop, half, teethTop + 3)
            canvas.line(half, bottom + 6)
            canvas.close()
            canvas.fill(palette.teeth.mixed(with: palette.teethShade, 0.35))
        }
        let half = max(width * 0.86, 9)
        let teethBottom = top + mouth.upperTeeth
        canvas.move(-half, top - 8)
        canvas.line(half, top - 8)
        canvas.line(half, teethBottom - 4)
        canvas.curve(half * 0.45, teethBottom + 0.5, -half * 0.45, teethBottom + 0.5, -half, teethBottom - 4)
        canvas.close()
        canvas.fill(palette.teeth)
        canvas.move(-half * 0.8, teethBottom - 1.5)
        canvas.curve(-half * 0.3, teethBottom + 0.5, half * 0.3, teethBottom + 0.5, half * 0.8, teethBottom - 1.5)
        canvas.stroke(palette.teethShade, width: 1.6, alpha: 0.8)
        canvas.restore()
        openingPath(on: canvas)
        canvas.stroke(palette.lipLine, width: 1.6, alpha: 0.5)
    }

    /// The tongue: resting on the floor of the mouth, or raised to the upper teeth.
    private func paintTongue(on canvas: CairoCanvas, top: Double, bottom: Double, width: Double) {
        let gap = bottom - top
        let lift = mouth.tongueUp
        let restTop = bottom - max(gap * 0.3, 3)
        let tip = lerp(restTop, top + mouth.upperTeeth - 2, lift)
        let half = max(width * lerp(0.66, 0.58, lift), 6)
        let tipHalf = half * lerp(0.8, 0.6, lift)
        canvas.move(-half, bottom + 8)
        canvas.curve(-half, lerp(restTop + 4, bottom - gap * 0.3, lift), -tipHalf, tip, 0, tip)
        canvas.curve(tipHalf, tip, half, lerp(restTop + 4, bottom - gap * 0.3, lift), half, bottom + 8)
        canvas.close()
        canvas.fill(palette.tongue.lighter(0.12 * lift))
        if lift > 0.05 {
            canvas.move(0, tip + 6)
            canvas.line(0, bottom)
            canvas.stroke(palette.tongue.darker(0.25), width: 1.5, alpha: 0.6 * lift)
        }
    }

    // MARK: Details

    private func paintLipDetails(on canvas: CairoCanvas) {
        let press = mouth.press
        let w = mouth.halfWidth
        let c = mouth.cornerY
        // The line where the lips meet (or the top of the opening).
        canvas.move(-w, c)
        canvas.line(-mouth.innerHalfWidth, c)
        innerUpper(on: canvas, leftToRight: true)
        canvas.line(w, c)
        canvas.stroke(palette.lipLine, width: 2.4 + 1.6 * press, alpha: mouth.gap > 4 ? 0.35 : 0.85)
        // Highlight on the lower lip.
        let lowerThickness = mouth.lowerBottom - mouth.lowerInner
        canvas.ellipse(-0.1 * w, mouth.lowerInner + lowerThickness * 0.45, 0.3 * w, max(lowerThickness * 0.22, 0.5))
        canvas.fill(.white, alpha: 0.2)
        // Dimples at the corners, deeper when the lips press.
        for side in [-1.0, 1.0] {
            canvas.move(side * (w + 1), c - 5)
            canvas.curve(side * (w + 5), c - 2, side * (w + 5), c + 3, side * (w + 2), c + 6)
            canvas.stroke(palette.skinShade.darker(0.2), width: 2 + press, alpha: 0.35 + 0.4 * press)
        }
        // The crease under the lower lip, which pressed lips push out.
        let crease = mouth.lowerBottom + 9 + 4 * (1 - press)
        canvas.move(-0.32 * w, crease)
        canvas.curve(-0.12 * w, crease + 3, 0.12 * w, crease + 3, 0.32 * w, crease)
        canvas.stroke(palette.skinShade, width: 3 + 2 * press, alpha: 0.3 + 0.4 * press)
    }

    /// Upper teeth resting on the lower lip (F, V).
    private func paintTeethOnLip(on canvas: CairoCanvas) {
        let half = max(mouth.innerHalfWidth * 0.46, 8)
        let top = mouth.upperInner
        let bottom = top + 13
        canvas.move(-half, top)
        canvas.line(half, top)
        canvas.line(half, bottom - 3)
        canvas.curve(half * 0.5, bottom + 0.5, -half * 0.5, bottom + 0.5, -half, bottom - 3)
        canvas.close()
        canvas.fillKeepingPath(palette.teeth, alpha: mouth.teethOnLip)
        canvas.stroke(palette.teethShade, width: 1.2, alpha: 0.7 * mouth.teethOnLip)
        // The upper lip's edge over the teeth.
        canvas.move(-half - 4, top)
        canvas.line(half + 4, top)
        canvas.stroke(palette.lipLine, width: 2, alpha: 0.7 * mouth.teethOnLip)
    }
}
