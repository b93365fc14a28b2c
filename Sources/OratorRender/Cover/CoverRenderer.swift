internal import CCairo
import Foundation
import OratorCore

/// An episode's cover picture (a YouTube thumbnail, 1280x720): the title in large type, the
/// speakers' names under it and their faces in rings beside it, on a background in the accent
/// colour. Text is drawn in whichever of near-black and white reads better on the accent.
public struct CoverRenderer: Sendable {
    /// The size YouTube recommends for a thumbnail.
    public static let youTubeSize = FrameSize(width: 1280, height: 720)
    /// The picture's size.
    public let size: FrameSize
    /// The background colour.
    public let accent: RGBColor
    /// How many faces are drawn at most.
    public static let maxFaces = 4

    /// A renderer for covers of `size` (each side 320 to 4096 pixels) on `accent`.
    public init(size: FrameSize = CoverRenderer.youTubeSize, accent: RGBColor) throws(OratorError) {
        guard (320...4096).contains(size.width), (180...4096).contains(size.height), size.width >= size.height else {
            throw OratorError(.invalidInput, "cannot draw a cover of \(size): use a landscape size from 320x180 to 4096x4096, for example 1280x720")
        }
        self.size = size
        self.accent = accent
    }

    /// The side of the square at which each of `count` faces should be drawn (it fills its circle).
    public func faceSide(faces count: Int) -> Int {
        CoverLayout(size: size, faces: count).faceSide
    }

    /// Draws the cover: `title` (wrapped to at most three lines, smaller if it must be),
    /// `names` (the speakers, may be empty) and `faces` (at most four are drawn, each scaled
    /// so its focus covers its circle).
    public func render(title: String, names: [String], faces: [CoverFace]) throws(OratorError) -> FrameBuffer {
        let faces = Array(faces.prefix(Self.maxFaces))
        let layout = CoverLayout(size: size, faces: faces.count)
        var frame = FrameBuffer(size: size)
        let painter = CoverPainter(layout: layout, accent: accent)
        try drawing(into: &frame.pixels, width: size.width, height: size.height, "drawing the \(size) cover") { canvas in
            painter.paintBackground(on: canvas)
            for (face, circle) in zip(faces, layout.circles) { painter.paint(face, in: circle, on: canvas) }
            painter.paintText(title: title, names: names.filter { !$0.isEmpty }, on: canvas)
        }
        return frame
    }
}

/// A speaker's face on a cover: a frame as the avatar's renderer draws it, and the part of it
/// the circle shows.
public struct CoverFace: Sendable {
    public var frame: FrameBuffer
    /// The part of `frame` scaled to cover the circle (nil: the whole frame).
    public var focus: PixelRegion?

    public init(frame: FrameBuffer, focus: PixelRegion? = nil) {
        self.frame = frame
        self.focus = focus
    }
}

/// The drawing of one cover.
struct CoverPainter {
    let layout: CoverLayout
    let accent: RGBColor

    /// Near-black or white, whichever contrasts more with the accent.
    var ink: RGBColor {
        let dark = RGBColor(red: 0.07, green: 0.08, blue: 0.11)
        return accent.contrast(with: dark) >= accent.contrast(with: .white) ? dark : .white
    }

    func paintBackground(on canvas: CairoCanvas) {
        let width = Double(layout.size.width), height = Double(layout.size.height), unit = layout.unit
        canvas.rectangle(0, 0, width, height)
        canvas.fillLinear(from: (0, 0), to: (width, height), stops: [
            GradientStop(offset: 0, color: accent.lighter(0.1)), GradientStop(offset: 1, color: accent.darker(0.22)),
        ])
        // A soft glow behind the faces.
        guard let first = layout.circles.first else { return }
        let centre = layout.circles.reduce((0.0, 0.0)) { ($0.0 + $1.x / Double(layout.circles.count), $0.1 + $1.y / Double(layout.circles.count)) }
        let radius = layout.circles.count == 1 ? first.diameter * 0.68 : 320 * unit
        canvas.ellipse(centre.0, centre.1, radius, radius)
        canvas.fillRadial(center: centre, radius: radius, stops: [
            GradientStop(offset: 0, color: .white, alpha: 0.22), GradientStop(offset: 1, color: .white, alpha: 0),
        ])
    }

    /// A face clipped to a circle, with a ring and a soft shadow.
    func paint(_ face: CoverFace, in circle: CoverLayout.Circle, on canvas: CairoCanvas) {
        let image = PixelImage(width: face.frame.size.width, height: face.frame.size.height, pixels: face.frame.pixels)
        let focus = face.focus ?? PixelRegion(x: 0, y: 0, width: image.width, height: image.height)
        let radius = circle.diameter / 2, unit = layout.unit, ring = 8 * unit
        for step in 0..<6 {
            let spread = Double(6 - step) * 2.5 * unit
            canvas.ellipse(circle.x, circle.y + 10 * unit, radius + ring + spread, radius + ring + spread)
            canvas.fill(.black, alpha: 0.035)
        }
        canvas.ellipse(circle.x, circle.y, radius + ring, radius + ring)
        canvas.fill(accent.luminance > 0.8 ? ink : .white)
        canvas.isolated {
            canvas.ellipse(circle.x, circle.y, radius, radius)
            canvas.clip()
            let scale = max(circle.diameter / Double(max(1, focus.width)), circle.diameter / Double(max(1, focus.height)))
            canvas.translate(circle.x, circle.y)
            canvas.scale(scale, scale)
            image.paint(on: canvas, x: -Double(focus.x) - Double(focus.width) / 2, y: -Double(focus.y) - Double(focus.height) / 2)
        }
    }

    /// An accent bar, the title and the names, centred vertically in the text column.
    func paintText(title: String, names: [String], on canvas: CairoCanvas) {
        let unit = layout.unit, context = canvas.context
        func measure(bold: Bool) -> TitleFit.Measure {
            { text, size in
                cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
                cairo_set_font_size(context, size)
                var extents = cairo_text_extents_t()
                cairo_text_extents(context, text, &extents)
                return extents.x_advance
            }
        }
        let titleSizes = stride(from: 96.0, through: 40, by: -2).map { $0 * unit }
        let fitted = TitleFit.fit(title, width: layout.textWidth, maxLines: 3, sizes: titleSizes, measure: measure(bold: true))
        let nameSizes = stride(from: 34.0, through: 22, by: -2).map { $0 * unit }
        let byline = TitleFit.fit(names, joiner: "  ·  ", width: layout.textWidth, maxLines: 2, sizes: nameSizes,
                                  measure: measure(bold: false))
        let bar = 12 * unit, barGap = 34 * unit, lineHeight = fitted.fontSize * 1.13
        let bylineHeight = byline.fontSize * 1.3, bylineGap = byline.lines.isEmpty ? 0 : 30 * unit
        let block = bar + barGap + lineHeight * Double(fitted.lines.count) + bylineGap + bylineHeight * Double(byline.lines.count)
        var y = (Double(layout.size.height) - block) / 2
        canvas.rectangle(layout.textX, y, 96 * unit, bar)
        canvas.fill(ink)
        y += bar + barGap
        canvas.setColor(ink)
        _ = measure(bold: true)("", fitted.fontSize)
        for line in fitted.lines {
            canvas.move(layout.textX - 2 * unit, y + fitted.fontSize * 0.93)
            cairo_show_text(context, line)
            y += lineHeight
        }
        y += bylineGap
        canvas.setColor(ink, alpha: 0.82)
        _ = measure(bold: false)("", byline.fontSize)
        for line in byline.lines {
            canvas.move(layout.textX, y + byline.fontSize * 1.0)
            cairo_show_text(context, line)
            y += bylineHeight
        }
    }
}

extension RGBColor {
    /// WCAG relative luminance, 0 (black) to 1 (white).
    var luminance: Double {
        func linear(_ value: Double) -> Double { value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG contrast ratio with `other`, 1 to 21.
    func contrast(with other: RGBColor) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
