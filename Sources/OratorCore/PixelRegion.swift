/// A rectangle of whole pixels in a frame, origin at the top-left corner.
public struct PixelRegion: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// A rectangle from its top-left corner and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The number of pixels inside.
    public var area: Int { width * height }

    /// This rectangle cut to a frame of `width` x `height` pixels.
    public func clamped(width frameWidth: Int, height frameHeight: Int) -> PixelRegion {
        let left = min(max(x, 0), frameWidth)
        let top = min(max(y, 0), frameHeight)
        let right = min(max(x + width, left), frameWidth)
        let bottom = min(max(y + height, top), frameHeight)
        return PixelRegion(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The smallest rectangle holding both.
    public func union(_ other: PixelRegion) -> PixelRegion {
        if area == 0 { return other }
        if other.area == 0 { return self }
        let left = min(x, other.x), top = min(y, other.y)
        let right = max(x + width, other.x + other.width), bottom = max(y + height, other.y + other.height)
        return PixelRegion(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// This rectangle grown by `margin` pixels on every side.
    public func expanded(by margin: Int) -> PixelRegion {
        PixelRegion(x: x - margin, y: y - margin, width: width + 2 * margin, height: height + 2 * margin)
    }

    public var description: String { "\(width)x\(height) at (\(x), \(y))" }
}
