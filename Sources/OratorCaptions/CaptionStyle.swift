/// An sRGB colour for styled captions.
public struct CaptionColor: Sendable, Codable, Equatable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Makes a colour from 0-255 components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// ASS's `&HAABBGGRR` form (alpha 0 is opaque).
    func ass(alpha: UInt8 = 0) -> String {
        func hex(_ value: UInt8) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "&H\(hex(alpha))\(hex(blue))\(hex(green))\(hex(red))"
    }

    /// ASS's inline override form `&HBBGGRR&` (for `\c`).
    var assInline: String { "&H" + ass().dropFirst(4) + "&" }

    public static let white = CaptionColor(red: 255, green: 255, blue: 255)
    public static let black = CaptionColor(red: 0, green: 0, blue: 0)
}

/// How burnt-in (ASS) captions look: sizes are fractions of the video's height so one style
/// suits every preset, with the font shrunk where the frame is too narrow for a full line.
public struct CaptionStyle: Sendable, Codable, Equatable {
    /// Video width in pixels (the ASS script's PlayResX).
    public var videoWidth: Int
    /// Video height in pixels (PlayResY).
    public var videoHeight: Int
    /// Font family; libass finds it through fontconfig (DejaVu Sans ships with Debian's ffmpeg).
    public var fontName: String
    /// Font size as a fraction of the video height.
    public var fontScale: Double
    /// Bold text.
    public var bold: Bool
    /// Outline thickness as a fraction of the font size.
    public var outlineScale: Double
    /// Distance from the bottom edge as a fraction of the video height.
    public var bottomMarginScale: Double
    /// Colour of the caption text.
    public var textColor: CaptionColor
    /// Colour of the outline.
    public var outlineColor: CaptionColor
    /// Colours for named speakers' labels; speakers not listed take `palette` colours in order of appearance.
    public var speakerColors: [String: CaptionColor]
    /// Colours handed to speakers without an entry in `speakerColors`.
    public var palette: [CaptionColor]

    /// Makes a style for a video size; the other arguments have defaults that read well on video.
    public init(videoWidth: Int, videoHeight: Int, fontName: String = "DejaVu Sans", fontScale: Double = 0.05,
                bold: Bool = true, outlineScale: Double = 0.08, bottomMarginScale: Double = 0.06,
                textColor: CaptionColor = .white, outlineColor: CaptionColor = .black,
                speakerColors: [String: CaptionColor] = [:], palette: [CaptionColor] = CaptionStyle.defaultPalette) {
        self.videoWidth = videoWidth
        self.videoHeight = videoHeight
        self.fontName = fontName
        self.fontScale = fontScale
        self.bold = bold
        self.outlineScale = outlineScale
        self.bottomMarginScale = bottomMarginScale
        self.textColor = textColor
        self.outlineColor = outlineColor
        self.speakerColors = speakerColors
        self.palette = palette
    }

    /// Gold, sky blue, green, pink: distinct on dark and light backgrounds.
    public static let defaultPalette = [
        CaptionColor(red: 255, green: 200, blue: 40), CaptionColor(red: 90, green: 200, blue: 255),
        CaptionColor(red: 140, green: 230, blue: 110), CaptionColor(red: 255, green: 140, blue: 200),
    ]

    /// Font size in pixels: `fontScale` of the height, capped so `lineLength` characters of
    /// average width (about 0.55 em) fit in 90% of the width.
    func fontSize(lineLength: Int) -> Int {
        let byHeight = Double(videoHeight) * fontScale
        let byWidth = 0.9 * Double(videoWidth) / (0.55 * Double(max(1, lineLength)))
        return max(8, Int(min(byHeight, byWidth).rounded()))
    }

    /// The label colour of every speaker in `captions`, by name.
    func colors(for captions: [Caption]) -> [String: CaptionColor] {
        var result = speakerColors
        var next = 0
        for speaker in captions.compactMap(\.speaker) where result[speaker] == nil {
            result[speaker] = palette.isEmpty ? textColor : palette[next % palette.count]
            next += 1
        }
        return result
    }
}
