import OratorCore

/// An opaque sRGB colour, written `#RRGGBB` in JSON (styles and avatar manifests).
public struct RGBColor: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Red, 0...1.
    public var red: Double
    /// Green, 0...1.
    public var green: Double
    /// Blue, 0...1.
    public var blue: Double

    /// A colour from components in 0...1 (values outside are clamped).
    public init(red: Double, green: Double, blue: Double) {
        self.red = min(max(red, 0), 1)
        self.green = min(max(green, 0), 1)
        self.blue = min(max(blue, 0), 1)
    }

    /// Parses `#RRGGBB` or `RRGGBB`.
    public init(hex text: String) throws(OratorError) {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else {
            throw OratorError(.invalidInput, "invalid colour '\(text)': use #RRGGBB, for example #2F4858")
        }
        self.init(red: Double((value >> 16) & 0xFF) / 255, green: Double((value >> 8) & 0xFF) / 255,
                  blue: Double(value & 0xFF) / 255)
    }

    /// The colour as `#RRGGBB`.
    public var hex: String {
        let parts = [red, green, blue].map { component -> String in
            let text = String(Int((component * 255).rounded()), radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + parts.joined()
    }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(hex: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// This colour moved `amount` (0...1) of the way towards `other`.
    public func mixed(with other: RGBColor, _ amount: Double) -> RGBColor {
        RGBColor(red: red + (other.red - red) * amount, green: green + (other.green - green) * amount,
                 blue: blue + (other.blue - blue) * amount)
    }

    /// This colour scaled towards black by `amount` (0...1).
    public func darker(_ amount: Double) -> RGBColor { mixed(with: .black, amount) }

    /// This colour moved towards white by `amount` (0...1).
    public func lighter(_ amount: Double) -> RGBColor { mixed(with: .white, amount) }

    /// Black.
    public static let black = RGBColor(red: 0, green: 0, blue: 0)
    /// White.
    public static let white = RGBColor(red: 1, green: 1, blue: 1)
}
