internal import CCairo
import Foundation
import OratorCore

/// Draws a scene's overlays with Cairo: the active speaker's frame, dimming of listeners,
/// name plates and the audio visualization (unless it is behind the speakers).
struct ScenePainter {
    let canvas: CairoCanvas
    let layout: SceneLayout
    let style: SceneStyle

    func paint(_ scene: SceneFrame, names: [String]) {
        let multiple = layout.cells.count > 1
        for (index, cell) in layout.cells.enumerated() {
            let rect = (Double(cell.x), Double(cell.y), Double(cell.width), Double(cell.height))
            if multiple && scene.active != index {
                canvas.rectangle(rect.0, rect.1, rect.2, rect.3)
                canvas.fill(.black, alpha: 0.18)
            }
            if multiple && scene.active == index {
                let line = max(3, Double(layout.size.height) / 180)
                canvas.rectangle(rect.0 + line / 2, rect.1 + line / 2, rect.2 - line, rect.3 - line)
                canvas.stroke(style.accent, width: line)
            }
        }
        if !style.visualization.isBehind {
            VisualizationPainter(canvas: canvas, layout: layout, style: style).paint(scene)
        }
        for (index, cell) in layout.cells.enumerated() where style.lowerThirds && !names[index].isEmpty {
            namePlate(names[index], in: cell, active: scene.active == index)
        }
    }

    /// A lower third: the name on a dark plate with an accent edge.
    private func namePlate(_ name: String, in cell: SceneLayout.Cell, active: Bool) {
        let fontSize = max(12, Double(min(cell.height, layout.size.height)) * 0.045)
        cairo_select_font_face(canvas.context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo_set_font_size(canvas.context, fontSize)
        var extents = cairo_text_extents_t()
        cairo_text_extents(canvas.context, name, &extents)
        let padding = fontSize * 0.5
        let height = fontSize + padding * 1.4
        let x = Double(cell.x) + fontSize * 0.8
        let y = Double(cell.y + cell.height) - height - fontSize * 0.8
        canvas.rectangle(x, y, extents.x_advance + padding * 2.4, height)
        canvas.fill(.black, alpha: 0.62)
        canvas.rectangle(x, y, padding * 0.4, height)
        canvas.fill(style.accent, alpha: active ? 1 : 0.55)
        canvas.setColor(.white)
        canvas.move(x + padding * 1.4, y + height / 2 + fontSize * 0.36)
        cairo_show_text(canvas.context, name)
    }
}
