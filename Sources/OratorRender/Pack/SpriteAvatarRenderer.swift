import Foundation
import OratorCore

/// Draws an avatar pack: the base picture, the head layer moved by the head's tilt and
/// shift, the mouth sprite for each frame's `mouthShape`, and the closed eyes faded in with
/// the blink.
///
/// The pack is fitted inside the frame (scaled by the tighter side, centred, the rest filled
/// with the pack's background colour). Sprites are resampled to the frame's scale once, when
/// the renderer is made; each frame then only places them. Flat art cannot turn, so yaw and
/// pitch nudge the head a little sideways and up or down instead. The renderer holds only
/// immutable pixels, so `render` may run on several threads at once.
public struct SpriteAvatarRenderer: FrameRendering {
    /// The size of the frames this renderer draws.
    public let size: FrameSize
    /// The pack it draws.
    public let pack: AvatarPack
    /// Frame pixels per base-image pixel, and where the base image's origin lands.
    let scale: Double
    let originX: Double
    let originY: Double
    /// Background and base picture, ready to copy into each frame.
    let backdrop: [UInt8]
    let head: PlacedSprite?
    let mouths: [MouthShape: PlacedSprite]
    let eyesClosed: PlacedSprite
    let expressionMouths: [PackExpression: [MouthShape: PlacedSprite]]
    let expressionOverlays: [(PackExpression, PlacedSprite)]

    /// Prepares `pack` for frames of `size`.
    public init(pack: AvatarPack, size: FrameSize) throws(OratorError) {
        guard (16...8192).contains(size.width), (16...8192).contains(size.height) else {
            throw OratorError(.invalidInput, "cannot draw avatar pack '\(pack.name)' at \(size): each side must be between 16 and 8192 pixels")
        }
        self.size = size
        self.pack = pack
        let scale = min(Double(size.width) / Double(pack.canvasSize.width), Double(size.height) / Double(pack.canvasSize.height))
        let originX = (Double(size.width) - Double(pack.canvasSize.width) * scale) / 2
        let originY = (Double(size.height) - Double(pack.canvasSize.height) * scale) / 2
        self.scale = scale
        self.originX = originX
        self.originY = originY
        var pixels = transparentPixels(width: size.width, height: size.height)
        try drawing(into: &pixels, width: size.width, height: size.height, "drawing avatar pack '\(pack.name)' at \(size)") { canvas in
            canvas.paint(pack.background)
            canvas.translate(originX, originY)
            canvas.scale(scale, scale)
            pack.base.paint(on: canvas, x: 0, y: 0)
        }
        backdrop = pixels
        func place(_ image: PixelImage, centre: AvatarPoint?) throws(OratorError) -> PlacedSprite {
            let left = centre.map { $0.x - Double(image.width) / 2 } ?? 0
            let top = centre.map { $0.y - Double(image.height) / 2 } ?? 0
            return try PlacedSprite(image, left: left, top: top, scale: scale, originX: originX, originY: originY)
        }
        head = try pack.head.map { (image: PixelImage) throws(OratorError) -> PlacedSprite in try place(image, centre: nil) }
        var mouths: [MouthShape: PlacedSprite] = [:]
        for (shape, image) in pack.mouths {
            mouths[shape] = try place(image, centre: pack.mouthAnchor)
        }
        self.mouths = mouths
        eyesClosed = try place(pack.eyesClosed, centre: pack.eyesAnchor)
        var expressionMouths: [PackExpression: [MouthShape: PlacedSprite]] = [:]
        for (expression, images) in pack.expressionMouths {
            for (shape, image) in images { expressionMouths[expression, default: [:]][shape] = try place(image, centre: pack.mouthAnchor) }
        }
        self.expressionMouths = expressionMouths
        var overlays: [(PackExpression, PlacedSprite)] = []
        for (expression, image) in pack.expressionOverlays.sorted(by: { $0.key < $1.key }) {
            overlays.append((expression, try place(image, centre: pack.eyesAnchor)))
        }
        expressionOverlays = overlays
    }

    /// The mouth for `motion`: a smile's or a frown's own sprite for the shape while that
    /// expression is at least half on (the stronger of the two), else the plain one.
    private func mouthSprite(for motion: MotionFrame) -> PlacedSprite? {
        let shape = pack.drawnShape(for: motion.mouthShape)
        let candidates = [PackExpression.smile, .frown].filter { $0.amount(in: motion) >= 0.5 }
            .sorted { $0.amount(in: motion) > $1.amount(in: motion) }
        for expression in candidates {
            if let sprite = expressionMouths[expression]?[shape] ?? expressionMouths[expression]?[AvatarPack.fallback(for: shape)] { return sprite }
        }
        return mouths[shape]
    }

    /// Draws the avatar for `motion` into `buffer`, which must have this renderer's size.
    public func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        guard buffer.size == size, buffer.pixels.count == size.bgraByteCount else {
            throw OratorError(.renderFailed, "frame buffer is \(buffer.size) but the avatar renderer draws \(size)")
        }
        try motion.checkFinite()
        buffer.pixels.withUnsafeMutableBytes { target in
            backdrop.withUnsafeBytes { target.copyMemory(from: $0) }
        }
        let mouth = mouthSprite(for: motion)
        let blink = smoothstep(0.25, 0.75, Double(motion.blinkLeft + motion.blinkRight) / 2)
        let motionTransform = headTransform(motion)
        try drawing(into: &buffer.pixels, width: size.width, height: size.height, "drawing an avatar pack frame at \(size)") { canvas in
            motionTransform(canvas)
            head?.paint(on: canvas)
            mouth?.paint(on: canvas)
            for (expression, overlay) in expressionOverlays {
                let amount = expression.amount(in: motion)
                if amount > 0.004 { overlay.paint(on: canvas, opacity: amount) }
            }
            if blink > 0.004 { eyesClosed.paint(on: canvas, opacity: blink) }
        }
    }

    /// The head's movement in frame pixels: shift, nudges for yaw and pitch, and the tilt
    /// about the pivot. Without a head layer the picture stays still and only the mouth and
    /// eyes change.
    private func headTransform(_ motion: MotionFrame) -> (CairoCanvas) -> Void {
        guard head != nil else { return { _ in } }
        let pivotX = originX + pack.pivot.x * scale
        let pivotY = originY + pack.pivot.y * scale
        let reach = hypot(pack.eyesAnchor.x - pack.pivot.x, pack.eyesAnchor.y - pack.pivot.y) * scale
        func radians(_ degrees: Float) -> Double { min(max(Double(degrees), -35), 35) * .pi / 180 }
        let shiftX = Double(motion.translateX) * Double(size.height) + sin(radians(motion.headYaw)) * 0.25 * reach
        let shiftY = Double(motion.translateY) * Double(size.height) + sin(radians(motion.headPitch)) * 0.25 * reach
        let roll = radians(motion.headRoll)
        return { canvas in
            canvas.translate(pivotX + shiftX, pivotY + shiftY)
            canvas.rotate(roll)
            canvas.translate(-pivotX, -pivotY)
        }
    }

    /// The rectangle the mouth sprites cover at rest, in this renderer's frames.
    public var mouthRegion: PixelRegion { PlacedSprite.union(mouths.values).clamped(width: size.width, height: size.height) }
    /// The rectangle the closed-eyes sprite covers at rest, in this renderer's frames.
    public var eyeRegion: PixelRegion { eyesClosed.region.clamped(width: size.width, height: size.height) }
}

/// A sprite resampled to frame scale, on a whole-pixel grid aligned with the frame, so that at
/// rest it lands exactly where the artist put it.
struct PlacedSprite: Sendable {
    let image: PixelImage
    /// Frame-pixel position of the image's top-left corner at rest.
    let x: Int
    let y: Int

    /// Resamples `source`, whose top-left corner sits at (`left`, `top`) in base pixels, for a
    /// frame that shows base pixels at `scale` from (`originX`, `originY`).
    init(_ source: PixelImage, left: Double, top: Double, scale: Double, originX: Double, originY: Double) throws(OratorError) {
        let frameLeft = originX + left * scale
        let frameTop = originY + top * scale
        x = Int(frameLeft.rounded(.down))
        y = Int(frameTop.rounded(.down))
        let width = Int((frameLeft + Double(source.width) * scale).rounded(.up)) - x
        let height = Int((frameTop + Double(source.height) * scale).rounded(.up)) - y
        let offsetX = frameLeft - Double(x)
        let offsetY = frameTop - Double(y)
        image = try PixelImage.painted(width: max(width, 1), height: max(height, 1), "resampling a \(source.width)x\(source.height) sprite") { canvas in
            canvas.translate(offsetX, offsetY)
            canvas.scale(scale, scale)
            source.paint(on: canvas, x: 0, y: 0)
        }
    }

    func paint(on canvas: CairoCanvas, opacity: Double = 1) {
        image.paint(on: canvas, x: Double(x), y: Double(y), opacity: opacity)
    }

    var region: PixelRegion { PixelRegion(x: x, y: y, width: image.width, height: image.height) }

    /// The smallest rectangle holding every sprite in `sprites`.
    static func union(_ sprites: some Sequence<PlacedSprite>) -> PixelRegion {
        var left = Int.max, top = Int.max, right = Int.min, bottom = Int.min
        for sprite in sprites {
            left = min(left, sprite.x)
            top = min(top, sprite.y)
            right = max(right, sprite.x + sprite.image.width)
            bottom = max(bottom, sprite.y + sprite.image.height)
        }
        guard left <= right else { return PixelRegion(x: 0, y: 0, width: 0, height: 0) }
        return PixelRegion(x: left, y: top, width: right - left, height: bottom - top)
    }
}
