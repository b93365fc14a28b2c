import OratorCore
/// Paints what never moves: the background, the shoulders, the shirt and the neck.
///
/// The result is drawn once per renderer and copied into every frame before the head.
struct BackdropPainter {
    let palette: PresenterPalette
    let layout: PresenterLayout

    /// Paints the whole backdrop; the canvas is in frame pixels on entry.
    func paint(on canvas: CairoCanvas, includeBackground: Bool = true) {
        if includeBackground { paintBackground(on: canvas) }
        canvas.isolated {
            layout.apply(to: canvas)
            paintBodyShadow(on: canvas)
            paintNeck(on: canvas)
            paintTorso(on: canvas)
        }
    }

    private func paintBackground(on canvas: CairoCanvas) {
        let height = Double(layout.size.height)
        let width = Double(layout.size.width)
        canvas.rectangle(0, 0, width, height)
        canvas.fillLinear(from: (0, 0), to: (0, height), stops: [
            GradientStop(offset: 0, color: palette.backgroundTop),
            GradientStop(offset: 1, color: palette.backgroundBottom),
        ])
        canvas.isolated {
            layout.apply(to: canvas)
            // A soft light behind the head, and a large pale disc that frames it.
            canvas.rectangle(layout.visibleLeft, layout.visibleTop,
                             layout.visibleRight - layout.visibleLeft, layout.visibleBottom - layout.visibleTop)
            canvas.fillRadial(center: (500, 420), radius: 620, stops: [
                GradientStop(offset: 0, color: .white, alpha: 0.55),
                GradientStop(offset: 0.6, color: .white, alpha: 0.12),
                GradientStop(offset: 1, color: .white, alpha: 0),
            ])
            canvas.ellipse(500, 470, 360, 360)
            canvas.fill(.white, alpha: 0.16)
            canvas.ellipse(500, 470, 360, 360)
            canvas.stroke(.white, width: 5, alpha: 0.35)
        }
    }

    /// The torso outline: shoulders that run down to the bottom of the frame.
    private func torsoPath(on canvas: CairoCanvas, dx: Double = 0, dy: Double = 0) {
        let bottom = max(layout.visibleBottom, 1000) + 10
        canvas.move(442 + dx, 728 + dy)
        canvas.curve(380 + dx, 760 + dy, 290 + dx, 772 + dy, 230 + dx, 790 + dy)
        canvas.curve(160 + dx, 812 + dy, 128 + dx, 870 + dy, 118 + dx, 950 + dy)
        canvas.line(100 + dx, bottom + dy)
        canvas.line(900 + dx, bottom + dy)
        canvas.line(882 + dx, 950 + dy)
        canvas.curve(872 + dx, 870 + dy, 840 + dx, 812 + dy, 770 + dx, 790 + dy)
        canvas.curve(710 + dx, 772 + dy, 620 + dx, 760 + dy, 558 + dx, 728 + dy)
        canvas.close()
    }

    private func paintBodyShadow(on canvas: CairoCanvas) {
        torsoPath(on: canvas, dx: 10, dy: 14)
        canvas.fill(.black, alpha: 0.07)
    }

    private func paintNeck(on canvas: CairoCanvas) {
        Anatomy.traceNeck(on: canvas)
        canvas.fillLinear(from: (0, 600), to: (0, 760), stops: [
            GradientStop(offset: 0, color: palette.skinShade),
            GradientStop(offset: 1, color: palette.skin),
        ])
        // Tendon shading on the neck sides.
        canvas.move(446, 640)
        canvas.curve(449, 690, 444, 720, 434, 756)
        canvas.stroke(palette.skinShade, width: 8, alpha: 0.5)
        canvas.move(554, 640)
        canvas.curve(551, 690, 556, 720, 566, 756)
        canvas.stroke(palette.skinShade, width: 8, alpha: 0.5)
    }

    private func paintTorso(on canvas: CairoCanvas) {
        let bottom = max(layout.visibleBottom, 1000) + 10
        torsoPath(on: canvas)
        canvas.fillLinear(from: (0, 740), to: (0, 1000), stops: [
            GradientStop(offset: 0, color: palette.jacketLight),
            GradientStop(offset: 1, color: palette.jacket),
        ])
        // Shirt showing between the lapels, with the skin of the open collar.
        canvas.move(432, 724)
        canvas.line(568, 724)
        canvas.line(548, 900)
        canvas.line(500, bottom)
        canvas.line(452, 900)
        canvas.close()
        canvas.fill(palette.shirt)
        canvas.move(438, 722)
        canvas.curve(460, 790, 480, 815, 500, 836)
        canvas.curve(520, 815, 540, 790, 562, 722)
        canvas.close()
        canvas.fillLinear(from: (0, 600), to: (0, 760), stops: [
            GradientStop(offset: 0, color: palette.skinShade),
            GradientStop(offset: 1, color: palette.skin),
        ])
        paintCollar(on: canvas, side: -1)
        paintCollar(on: canvas, side: 1)
        paintLapel(on: canvas, side: -1, bottom: bottom)
        paintLapel(on: canvas, side: 1, bottom: bottom)
        // Buttons down the placket.
        for y in stride(from: 900.0, to: bottom - 20, by: 70) {
            canvas.ellipse(500, y, 5, 5)
            canvas.fill(palette.shirtShade)
        }
    }

    /// One wing of the shirt collar; `side` is -1 for the viewer's left.
    private func paintCollar(on canvas: CairoCanvas, side: Double) {
        func x(_ offset: Double) -> Double { 500 + side * offset }
        canvas.move(x(58), 706)
        canvas.curve(x(74), 730, x(84), 760, x(92), 790)
        canvas.line(x(36), 850)
        canvas.curve(x(30), 820, x(44), 780, x(60), 742)
        canvas.close()
        canvas.fillKeepingPath(palette.shirt)
        canvas.stroke(palette.shirtShade, width: 3)
        canvas.move(x(60), 742)
        canvas.curve(x(44), 780, x(30), 820, x(36), 850)
        canvas.stroke(palette.shirtShade.darker(0.2), width: 3, alpha: 0.6)
    }

    /// One jacket lapel; `side` is -1 for the viewer's left.
    private func paintLapel(on canvas: CairoCanvas, side: Double, bottom: Double) {
        func x(_ offset: Double) -> Double { 500 + side * offset }
        canvas.move(x(96), 752)
        canvas.line(x(128), 770)
        canvas.line(x(150), 850)
        canvas.line(x(118), 872)
        canvas.line(x(135), 900)
        canvas.line(x(46), min(bottom, 1060))
        canvas.line(x(52), 900)
        canvas.line(x(100), 830)
        canvas.close()
        canvas.fillKeepingPath(palette.jacketShade.mixed(with: palette.jacket, 0.55))
        canvas.stroke(palette.jacketShade, width: 3, alpha: 0.8)
        // Lapel edge catching the light.
        canvas.move(x(100), 830)
        canvas.line(x(52), 900)
        canvas.stroke(palette.jacketLight.lighter(0.2), width: 2.5, alpha: 0.5)
    }
}
