import Foundation
import OratorCore

/// Draws one frame of the audio visualization with Cairo, in the layout's visualization region
/// (a strip, or the whole frame behind the speakers) or, for `circular`, around the active
/// speaker's cell. Every style is a function of the frame alone (its levels, wave and time), so
/// frames can be drawn in any order and on any thread.
struct VisualizationPainter {
    let canvas: CairoCanvas
    let layout: SceneLayout
    let style: VisualizationStyle
    let color: RGBColor

    init(canvas: CairoCanvas, layout: SceneLayout, style: SceneStyle) {
        self.canvas = canvas
        self.layout = layout
        self.style = style.visualization
        color = style.visualization.color ?? style.accent
    }

    func paint(_ scene: SceneFrame) {
        if style.kind == .circular {
            let ringed = scene.active ?? (layout.cells.count == 1 ? 0 : nil)
            if let ringed, ringed < layout.cells.count { circular(scene.levels, around: layout.cells[ringed]) }
            return
        }
        guard let region = layout.visualization else { return }
        let box = Box(region, mirror: style.mirror)
        switch style.kind {
        case .waveform: waveform(smoothed(scene.wave), in: box)
        case .filled: filled(smoothed(scene.wave), in: box)
        case .bars: bars(scene.levels, in: box)
        case .dots: dots(scene.levels, in: box)
        case .spectrum: spectrum(scene.levels, in: box)
        case .particles: particles(scene.levels, time: scene.time, in: box)
        case .none, .circular: break
        }
    }

    /// The drawing area of a strip style: a margin at the sides, and a baseline (the bottom, or
    /// the centre line when mirrored) from which levels grow by up to `reach` pixels.
    struct Box {
        let left: Double, width: Double, top: Double, height: Double
        let baseline: Double, reach: Double

        init(_ cell: SceneLayout.Cell, mirror: Bool) {
            let margin = Double(cell.width) * 0.05
            left = Double(cell.x) + margin
            width = Double(cell.width) - 2 * margin
            top = Double(cell.y)
            height = Double(cell.height)
            baseline = mirror ? top + height / 2 : top + height * 0.88
            reach = mirror ? height * 0.42 : height * 0.76
        }
    }

    // MARK: Waveform styles

    /// The wave averaged along its length over a window that grows with the smoothing, then
    /// raised (about 2x for speech-level samples, compressed smoothly towards full scale).
    private func smoothed(_ wave: [Float]) -> [Float] {
        let half = Int((style.smoothing * 4).rounded())
        let averaged = half > 0 && wave.count > 2 ? wave.indices.map { index in
            let window = wave[max(0, index - half)...min(wave.count - 1, index + half)]
            return window.reduce(0, +) / Float(window.count)
        } : wave
        return averaged.map { tanh(2 * $0) / tanh(2) }
    }

    /// The waveform as a line across the strip's centre (and its reflection, mirrored).
    private func waveform(_ wave: [Float], in box: Box) {
        guard wave.count > 1 else { return }
        let middle = box.top + box.height / 2, amplitude = box.height * 0.42
        let step = box.width / Double(wave.count - 1)
        for sign in style.mirror ? [1.0, -1.0] : [1.0] {
            for (index, sample) in wave.enumerated() {
                let x = box.left + Double(index) * step, y = middle - sign * Double(clamp(sample, -1)) * amplitude
                if index == 0 { canvas.move(x, y) } else { canvas.line(x, y) }
            }
            canvas.stroke(color, width: max(2, box.height / 40), alpha: style.opacity)
        }
    }

    /// The waveform as the area between it and the centre line (mirrored: its envelope, both ways).
    private func filled(_ wave: [Float], in box: Box) {
        guard wave.count > 1 else { return }
        let middle = box.top + box.height / 2, amplitude = box.height * 0.45
        let step = box.width / Double(wave.count - 1)
        let upper = wave.map { style.mirror ? abs(Double(clamp($0, -1))) : Double(clamp($0, -1)) }
        canvas.move(box.left, middle)
        for (index, value) in upper.enumerated() { canvas.line(box.left + Double(index) * step, middle - value * amplitude) }
        if style.mirror {
            for (index, value) in upper.enumerated().reversed() { canvas.line(box.left + Double(index) * step, middle + value * amplitude) }
        } else {
            canvas.line(box.left + box.width, middle)
        }
        canvas.close()
        canvas.fill(color, alpha: style.opacity)
    }

    // MARK: Spectrum styles

    /// A bar per band, rising from the baseline (mirrored: both ways from the centre line).
    private func bars(_ levels: [Float], in box: Box) {
        guard !levels.isEmpty else { return }
        let slot = box.width / Double(levels.count)
        for (index, level) in levels.enumerated() {
            let length = max(2, Double(clamp(level, 0)) * box.reach)
            let x = box.left + Double(index) * slot + slot * 0.15
            canvas.rectangle(x, box.baseline - length, slot * 0.7, style.mirror ? 2 * length : length)
        }
        canvas.fill(color, alpha: style.opacity)
    }

    /// A column of dots per band: as many lit as the band is loud, the rest faint.
    private func dots(_ levels: [Float], in box: Box) {
        guard !levels.isEmpty else { return }
        let slot = box.width / Double(levels.count)
        let radius = min(slot * 0.32, box.height / 14)
        let pitch = radius * 2.5
        let count = max(1, Int(box.reach / pitch))
        var faint: [(Double, Double)] = []
        for (index, level) in levels.enumerated() {
            let x = box.left + (Double(index) + 0.5) * slot
            let lit = Int((Double(clamp(level, 0)) * Double(count)).rounded())
            for step in 0..<count {
                for sign in style.mirror ? [1.0, -1.0] : [1.0] {
                    let y = box.baseline - sign * (Double(step) + 0.5) * pitch
                    if step < lit { canvas.ellipse(x, y, radius, radius) } else { faint.append((x, y)) }
                }
            }
        }
        canvas.fill(color, alpha: style.opacity)
        for (x, y) in faint { canvas.ellipse(x, y, radius * 0.6, radius * 0.6) }
        canvas.fill(color, alpha: style.opacity * 0.18)
    }

    /// The spectrum as a smooth curve over the baseline, filled, with a brighter edge.
    private func spectrum(_ levels: [Float], in box: Box) {
        guard levels.count > 1 else { return }
        let points = 4 * levels.count
        let heights = (0..<points).map { point -> Double in
            // Cosine interpolation between band levels.
            let position = Double(point) / Double(points - 1) * Double(levels.count - 1)
            let lower = Int(position), upper = min(levels.count - 1, lower + 1)
            let blend = (1 - cos((position - Double(lower)) * .pi)) / 2
            return (Double(clamp(levels[lower], 0)) * (1 - blend) + Double(clamp(levels[upper], 0)) * blend) * box.reach
        }
        let step = box.width / Double(points - 1)
        let outline = {
            for (index, height) in heights.enumerated() {
                let x = box.left + Double(index) * step
                if index == 0 { self.canvas.move(x, box.baseline - height) } else { self.canvas.line(x, box.baseline - height) }
            }
        }
        outline()
        if style.mirror {
            for (index, height) in heights.enumerated().reversed() { canvas.line(box.left + Double(index) * step, box.baseline + height) }
        } else {
            canvas.line(box.left + box.width, box.baseline)
            canvas.line(box.left, box.baseline)
        }
        canvas.close()
        canvas.fill(color, alpha: style.opacity * 0.55)
        outline()
        canvas.stroke(color, width: max(2, box.height / 45), alpha: style.opacity)
    }

    /// Bars radiating from a ring inside `cell`, three per band (interpolated): the bands once
    /// around from the top, or mirrored left and right.
    private func circular(_ levels: [Float], around cell: SceneLayout.Cell) {
        guard !levels.isEmpty else { return }
        let side = Double(min(cell.width, cell.height))
        let centre = (x: Double(cell.x) + Double(cell.width) / 2, y: Double(cell.y) + Double(cell.height) / 2)
        let radius = side * 0.43, reach = side * 0.065
        let ordered = style.mirror ? levels + levels.reversed() : levels
        let count = 3 * ordered.count
        let thickness = 2 * .pi * radius / Double(count) * 0.5
        for index in 0..<count {
            let position = Double(index) / 3, lower = Int(position) % ordered.count, upper = (lower + 1) % ordered.count
            let blend = position - Double(Int(position))
            let level = Double(clamp(ordered[lower], 0)) * (1 - blend) + Double(clamp(ordered[upper], 0)) * blend
            let angle = -Double.pi / 2 + (Double(index) + 0.5) / Double(count) * 2 * .pi
            let length = max(1, level * reach)
            // A filled quad along the ray (cheaper than stroking it).
            let (dx, dy) = (cos(angle), sin(angle)), (nx, ny) = (-dy * thickness / 2, dx * thickness / 2)
            let (inner, outer) = (radius, radius + length)
            canvas.move(centre.x + dx * inner + nx, centre.y + dy * inner + ny)
            canvas.line(centre.x + dx * outer + nx, centre.y + dy * outer + ny)
            canvas.line(centre.x + dx * outer - nx, centre.y + dy * outer - ny)
            canvas.line(centre.x + dx * inner - nx, centre.y + dy * inner - ny)
            canvas.close()
        }
        canvas.fill(color, alpha: style.opacity)
        canvas.ellipse(centre.x, centre.y, radius - thickness, radius - thickness)
        canvas.stroke(color, width: max(1.5, side / 300), alpha: style.opacity * 0.5)
    }

    /// Particles that rise from the baseline (mirrored: both ways) and fade; each follows one band,
    /// and is as big and bright as that band is loud. Positions depend only on `time`.
    private func particles(_ levels: [Float], time: Double, in box: Box) {
        guard !levels.isEmpty else { return }
        let count = 6 * levels.count
        let size = max(1.5, box.height / 32)
        for index in 0..<count {
            let level = Double(clamp(levels[index % levels.count], 0))
            guard level > 0.05 else { continue }
            let x = box.left + Self.unit(index, 1) * box.width
            let speed = 0.18 + 0.3 * Self.unit(index, 2)
            let phase = (time * speed + Self.unit(index, 3)).truncatingRemainder(dividingBy: 1)
            let sign = style.mirror && index % 2 == 1 ? -1.0 : 1.0
            let y = box.baseline - sign * phase * box.reach * (0.5 + 0.5 * level)
            let radius = size * (0.6 + 2.4 * level)
            canvas.ellipse(x + sin(time * 2 + Double(index)) * size, y, radius, radius)
            canvas.fill(color, alpha: style.opacity * (0.2 + 0.8 * level) * (1 - phase * 0.8))
        }
    }

    /// A fixed pseudo-random number in 0..<1 for particle `index` and property `salt` (SplitMix64).
    static func unit(_ index: Int, _ salt: UInt64) -> Double {
        var z = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ salt &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }

    private func clamp(_ value: Float, _ lower: Float) -> Float { max(lower, min(1, value)) }
}
