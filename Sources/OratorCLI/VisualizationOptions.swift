import ArgumentParser
import OratorCore
import OratorRender

/// The audio visualization options of `create`.
struct VisualizationOptions: ParsableArguments {
    @Option(help: "Audio visualization: none, waveform, bars, dots, filled, spectrum, circular (a ring around the active speaker) or particles.")
    var visualization: VisualizationStyle.Kind = .none

    @Option(help: "Where it is drawn: bottom, top, or behind (rising from the bottom behind the speakers, who are inset). Not for circular.")
    var visualizationPosition: VisualizationStyle.Position?

    @Flag(help: "The same as --visualization-position top.")
    var visualizationTop = false

    @Option(help: "Its colour (#RRGGBB; default: the accent colour).")
    var visualizationColor: String?

    @Option(help: "Strip height as a fraction of the frame height, 0.05 to 0.5 (default 0.14).")
    var visualizationHeight: Double?

    @Option(help: "Opacity, 0.05 to 1 (default 0.9).")
    var visualizationOpacity: Double?

    @Flag(help: "Draw it both ways from its centre line (circular: the same on both sides).")
    var visualizationMirror = false

    @Option(help: "0 to 1: how slowly levels fall after a peak, and how smooth the waveform is (default 0).")
    var visualizationSmoothing: Double?

    func style() throws(OratorError) -> VisualizationStyle {
        var style = VisualizationStyle(kind: visualization)
        if visualizationTop, let visualizationPosition, visualizationPosition != .top {
            throw OratorError(.invalidInput, "--visualization-top contradicts --visualization-position \(visualizationPosition.rawValue)")
        }
        style.position = visualizationTop ? .top : visualizationPosition ?? .bottom
        if let visualizationColor { style.color = try RGBColor(hex: visualizationColor) }
        if let visualizationHeight { style.height = visualizationHeight }
        if let visualizationOpacity { style.opacity = visualizationOpacity }
        style.mirror = visualizationMirror
        if let visualizationSmoothing { style.smoothing = visualizationSmoothing }
        try style.validate()
        return style
    }
}

extension VisualizationStyle.Kind: ExpressibleByArgument {}
extension VisualizationStyle.Position: ExpressibleByArgument {}
