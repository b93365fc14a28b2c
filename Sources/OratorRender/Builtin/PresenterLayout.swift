import OratorCore

/// Where the presenter's design square sits in a frame of any size.
///
/// The presenter is drawn in design units: a square of `PresenterLayout.side` units that holds
/// head and shoulders. It is centred in the frame and scaled by the frame's smaller side; the
/// background fills the rest and the torso runs on down to the bottom edge.
struct PresenterLayout: Sendable {
    /// The side of the design square, in design units.
    static let side = 1000.0

    let size: FrameSize
    /// Pixels per design unit.
    let scale: Double
    /// Frame pixel position of the design square's top-left corner.
    let originX: Double
    let originY: Double

    init(size: FrameSize) {
        self.size = size
        scale = Double(min(size.width, size.height)) / Self.side
        originX = (Double(size.width) - Self.side * scale) / 2
        originY = (Double(size.height) - Self.side * scale) / 2
    }

    /// The frame's edges in design units.
    var visibleTop: Double { -originY / scale }
    var visibleBottom: Double { (Double(size.height) - originY) / scale }
    var visibleLeft: Double { -originX / scale }
    var visibleRight: Double { (Double(size.width) - originX) / scale }

    /// A design-unit distance in pixels.
    func pixels(_ designUnits: Double) -> Double { designUnits * scale }

    /// A design point in frame pixels.
    func framePoint(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (originX + x * scale, originY + y * scale)
    }

    /// The whole-pixel rectangle covering a design rectangle, cut to the frame.
    func region(left: Double, top: Double, right: Double, bottom: Double) -> PixelRegion {
        let topLeft = framePoint(left, top)
        let bottomRight = framePoint(right, bottom)
        let x = Int(topLeft.x.rounded(.down))
        let y = Int(topLeft.y.rounded(.down))
        let region = PixelRegion(x: x, y: y, width: Int(bottomRight.x.rounded(.up)) - x,
                                 height: Int(bottomRight.y.rounded(.up)) - y)
        return region.clamped(width: size.width, height: size.height)
    }

    /// Sets `canvas` to draw in design units.
    func apply(to canvas: CairoCanvas) {
        canvas.translate(originX, originY)
        canvas.scale(scale, scale)
    }
}
