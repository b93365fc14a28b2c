import OratorCore

/// How a scene looks around the speakers.
public struct SceneStyle: Sendable, Codable, Equatable {
    /// Background colour (behind the cells; an image or blurred photo is passed as pixels).
    public var background: RGBColor
    /// Accent colour: the active speaker's frame, the name plates, the visualization.
    public var accent: RGBColor
    /// The audio visualization.
    public var visualization: VisualizationStyle
    /// Draw name plates (lower thirds) with each speaker's name.
    public var lowerThirds: Bool

    public init(background: RGBColor = RGBColor(red: 0.09, green: 0.11, blue: 0.16),
                accent: RGBColor = RGBColor(red: 0.98, green: 0.69, blue: 0.23),
                visualization: VisualizationStyle = VisualizationStyle(),
                lowerThirds: Bool = true) {
        self.background = background
        self.accent = accent
        self.visualization = visualization
        self.lowerThirds = lowerThirds
    }
}
