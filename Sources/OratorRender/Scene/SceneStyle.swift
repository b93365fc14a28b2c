import OratorCore

/// How a scene looks around the speakers.
public struct SceneStyle: Sendable, Codable, Equatable {
    /// The audio visualization drawn in its strip.
    public enum Visualization: String, Sendable, Codable, CaseIterable {
        case none, waveform, bars
    }

    /// Background colour (behind the cells; an image or blurred photo is passed as pixels).
    public var background: RGBColor
    /// Accent colour: the active speaker's frame, the name plates, the visualization.
    public var accent: RGBColor
    public var visualization: Visualization
    /// Visualization strip height as a fraction of the frame height.
    public var visualizationHeight: Double
    /// Put the visualization strip at the top instead of the bottom.
    public var visualizationAtTop: Bool
    /// Draw name plates (lower thirds) with each speaker's name.
    public var lowerThirds: Bool

    public init(background: RGBColor = RGBColor(red: 0.09, green: 0.11, blue: 0.16),
                accent: RGBColor = RGBColor(red: 0.98, green: 0.69, blue: 0.23),
                visualization: Visualization = .none, visualizationHeight: Double = 0.14, visualizationAtTop: Bool = false,
                lowerThirds: Bool = true) {
        self.background = background
        self.accent = accent
        self.visualization = visualization
        self.visualizationHeight = visualizationHeight
        self.visualizationAtTop = visualizationAtTop
        self.lowerThirds = lowerThirds
    }
}
