import OratorCore

/// The default presenter: an illustrated podcast host drawn with anti-aliased vector graphics.
///
/// Every `MotionFrame` coefficient animates it: the mouth is drawn from the continuous lip and
/// jaw values, the lids from the blinks, the brows from `browRaise`, and the head turns, nods,
/// tilts and shifts while the shoulders stay still. The background and body are painted once
/// when the renderer is made and copied into each frame; only the head is drawn per frame.
/// The renderer holds only immutable state, so `render` may run on several threads at once.
public struct BuiltinAvatarRenderer: FrameRendering {
    /// The size of the frames this renderer draws.
    public let size: FrameSize
    /// The colours it draws with.
    public let style: BuiltinAvatarStyle
    let layout: PresenterLayout
    let palette: PresenterPalette
    let textures: HeadTextures
    /// Background, shoulders and neck, premultiplied BGRA: the start of every frame.
    let backdrop: [UInt8]

    /// Prepares a renderer for frames of `size` (default 512x512) in `style`.
    public init(size: FrameSize = FrameSize(square: 512), style: BuiltinAvatarStyle = BuiltinAvatarStyle()) throws(OratorError) {
        guard (16...8192).contains(size.width), (16...8192).contains(size.height) else {
            throw OratorError(.invalidInput, "cannot draw the presenter at \(size): each side must be between 16 and 8192 pixels")
        }
        self.size = size
        self.style = style
        layout = PresenterLayout(size: size)
        palette = PresenterPalette(style: style)
        textures = try HeadTextures(palette: palette, layout: layout)
        var pixels = transparentPixels(width: size.width, height: size.height)
        let painter = BackdropPainter(palette: palette, layout: layout)
        try drawing(into: &pixels, width: size.width, height: size.height, "drawing the presenter's background at \(size)") {
            painter.paint(on: $0)
        }
        backdrop = pixels
    }

    /// Draws the presenter for `motion` into `buffer`, which must have this renderer's size.
    public func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        guard buffer.size == size, buffer.pixels.count == size.bgraByteCount else {
            throw OratorError(.renderFailed, "frame buffer is \(buffer.size) but the presenter renderer draws \(size)")
        }
        try motion.checkFinite()
        buffer.pixels.withUnsafeMutableBytes { target in
            backdrop.withUnsafeBytes { target.copyMemory(from: $0) }
        }
        try draw(motion, parts: .all, into: &buffer.pixels)
    }

    /// Draws the chosen head `parts` for `motion` over whatever `pixels` already hold.
    func draw(_ motion: MotionFrame, parts: HeadParts, into pixels: inout [UInt8]) throws(OratorError) {
        let pose = HeadPose(motion: motion, layout: layout)
        let painter = HeadPainter(palette: palette, textures: textures)
        let layout = layout
        try drawing(into: &pixels, width: size.width, height: size.height, "drawing a \(size) presenter frame") { canvas in
            layout.apply(to: canvas)
            painter.paint(motion, pose: pose, parts: parts, on: canvas)
        }
    }

    /// Paints head `parts` for `motion` alone on a transparent image of `width` x `height`
    /// whose centre is the frame point (`centreX`, `centreY`): the layers of an avatar pack.
    func paintLayer(_ motion: MotionFrame, parts: HeadParts, width: Int, height: Int,
                    centreX: Double, centreY: Double) throws(OratorError) -> PixelImage {
        let pose = HeadPose(motion: motion, layout: layout)
        let painter = HeadPainter(palette: palette, textures: textures)
        let layout = layout
        return try PixelImage.painted(width: width, height: height, "drawing a \(width)x\(height) presenter layer") { canvas in
            canvas.translate(Double(width) / 2 - centreX, Double(height) / 2 - centreY)
            layout.apply(to: canvas)
            painter.paint(motion, pose: pose, parts: parts, on: canvas)
        }
    }

    /// The rectangle around the mouth at rest, with room for it to open wide, in frames of `size`.
    public static func mouthRegion(in size: FrameSize) -> PixelRegion {
        PresenterLayout(size: size).region(left: Anatomy.headX - 80, top: Anatomy.mouthY - 32,
                                           right: Anatomy.headX + 80, bottom: Anatomy.mouthY + 86)
    }

    /// The rectangle around both eyes at rest, in frames of `size`.
    public static func eyeRegion(in size: FrameSize) -> PixelRegion {
        PresenterLayout(size: size).region(left: Anatomy.headX - Anatomy.eyeOffset - 40, top: Anatomy.eyeY - 26,
                                           right: Anatomy.headX + Anatomy.eyeOffset + 40, bottom: Anatomy.eyeY + 20)
    }

    /// The square around the head and the top of the shoulders, in frames of `size`: the
    /// presenter as a portrait (a cover's face).
    public static func portraitRegion(in size: FrameSize) -> PixelRegion {
        PresenterLayout(size: size).region(left: Anatomy.headX - 370, top: Anatomy.headY - 330,
                                           right: Anatomy.headX + 370, bottom: Anatomy.headY + 410)
    }

    /// The rectangle around the mouth in this renderer's frames.
    public var mouthRegion: PixelRegion { Self.mouthRegion(in: size) }
    /// The rectangle around the eyes in this renderer's frames.
    public var eyeRegion: PixelRegion { Self.eyeRegion(in: size) }
}
