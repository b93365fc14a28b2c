internal import CCairo
import Foundation
import OratorCore

/// Draws a scene's overlays with Cairo: the active speaker's frame, dimming of listeners,
/// name plates and the audio visualization.
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
            if style.lowerThirds, !names[index].isEmpty { namePlate(names[index], in: cell, active: scene.active == index) }
        }
        if let strip = layout.visualization {
            switch style.visualization {
            case .bars: bars(scene.levels, in: strip)
            case .waveform: waveform(scene.wave, in: strip)
            case .none: break
            }
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

    /// Spectrum bars rising from the strip's baseline.
    private func bars(_ levels: [Float], in strip: SceneLayout.Cell) {
        guard !levels.isEmpty else { return }
        let margin = Double(strip.width) * 0.06
        let slot = (Double(strip.width) - 2 * margin) / Double(levels.count)
        let baseline = Double(strip.y + strip.height) - Double(strip.height) * 0.15
        let maxHeight = Double(strip.height) * 0.7
        for (index, level) in levels.enumerated() {
            let height = max(2, Double(max(0, min(1, level))) * maxHeight)
            canvas.rectangle(margin + Double(index) * slot + slot * 0.15, baseline - height, slot * 0.7, height)
        }
        canvas.fill(style.accent, alpha: 0.9)
    }

    /// The waveform as a line across the strip.
    private func waveform(_ wave: [Float], in strip: SceneLayout.Cell) {
        guard wave.count > 1 else { return }
        let margin = Double(strip.width) * 0.06
        let step = (Double(strip.width) - 2 * margin) / Double(wave.count - 1)
        let middle = Double(strip.y) + Double(strip.height) / 2
        let amplitude = Double(strip.height) * 0.42
        for (index, sample) in wave.enumerated() {
            let x = margin + Double(index) * step, y = middle - Double(max(-1, min(1, sample))) * amplitude
            if index == 0 { canvas.move(x, y) } else { canvas.line(x, y) }
        }
        canvas.stroke(style.accent, width: max(2, Double(strip.height) / 40))
    }
}
