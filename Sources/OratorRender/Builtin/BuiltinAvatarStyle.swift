/// The colours of the built-in presenter. Every field has a default, so a style file need only
/// name what it changes.
public struct BuiltinAvatarStyle: Sendable, Codable, Equatable {
    /// Base skin tone; shading, lips and blush are derived from it.
    public var skin: RGBColor
    /// Hair and brows.
    public var hair: RGBColor
    /// The shirt under the jacket.
    public var shirt: RGBColor
    /// The jacket.
    public var jacket: RGBColor
    /// Iris colour.
    public var iris: RGBColor
    /// Background gradient, top of the frame.
    public var backgroundTop: RGBColor
    /// Background gradient, bottom of the frame.
    public var backgroundBottom: RGBColor

    /// A style; every argument defaults to the product's default presenter.
    public init(
        skin: RGBColor = RGBColor(red: 0.929, green: 0.737, blue: 0.612),
        hair: RGBColor = RGBColor(red: 0.227, green: 0.165, blue: 0.133),
        shirt: RGBColor = RGBColor(red: 0.965, green: 0.953, blue: 0.933),
        jacket: RGBColor = RGBColor(red: 0.184, green: 0.282, blue: 0.345),
        iris: RGBColor = RGBColor(red: 0.361, green: 0.239, blue: 0.157),
        backgroundTop: RGBColor = RGBColor(red: 0.878, green: 0.918, blue: 0.937),
        backgroundBottom: RGBColor = RGBColor(red: 0.639, green: 0.753, blue: 0.812)
    ) {
        self.skin = skin
        self.hair = hair
        self.shirt = shirt
        self.jacket = jacket
        self.iris = iris
        self.backgroundTop = backgroundTop
        self.backgroundBottom = backgroundBottom
    }

    public init(from decoder: any Decoder) throws {
        let defaults = BuiltinAvatarStyle()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        skin = try container.decodeIfPresent(RGBColor.self, forKey: .skin) ?? defaults.skin
        hair = try container.decodeIfPresent(RGBColor.self, forKey: .hair) ?? defaults.hair
        shirt = try container.decodeIfPresent(RGBColor.self, forKey: .shirt) ?? defaults.shirt
        jacket = try container.decodeIfPresent(RGBColor.self, forKey: .jacket) ?? defaults.jacket
        iris = try container.decodeIfPresent(RGBColor.self, forKey: .iris) ?? defaults.iris
        backgroundTop = try container.decodeIfPresent(RGBColor.self, forKey: .backgroundTop) ?? defaults.backgroundTop
        backgroundBottom = try container.decodeIfPresent(RGBColor.self, forKey: .backgroundBottom)
            ?? defaults.backgroundBottom
    }
}
