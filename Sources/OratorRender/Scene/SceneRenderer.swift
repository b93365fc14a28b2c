internal import CCairo
import Foundation
import OratorCore

/// Composites a scene: a background, each speaker's avatar drawn in its cell (the one talking
/// framed in the accent colour, the others slightly dimmed), name plates, and the audio
/// visualization. Safe to call from several threads (immutable state, per-call scratch).
public struct SceneRenderer: Sendable {
    public let layout: SceneLayout
    public let style: SceneStyle
    private let avatars: [any FrameRendering]
    private let names: [String]
    private let backdrop: FrameBuffer
    /// Cell-sized frames the avatars draw into, kept between frames (avatars set every pixel).
    private let scratch = CellScratch()

    /// `avatars` must be sized to their cells (`layout.cells[i]`); `background` (frame-sized
    /// pixels: an image or a blurred photo) replaces the plain background colour.
    public init(layout: SceneLayout, style: SceneStyle, avatars: [any FrameRendering], names: [String],
                background: FrameBuffer? = nil) throws(OratorError) {
        guard avatars.count == layout.cells.count, names.count == avatars.count else {
            throw OratorError(.internalFailure, "a scene needs one avatar and one name per cell")
        }
        for (avatar, cell) in zip(avatars, layout.cells) where avatar.size != FrameSize(width: cell.width, height: cell.height) {
            throw OratorError(.internalFailure, "avatar size \(avatar.size) does not fit its \(cell.width)x\(cell.height) cell")
        }
        self.layout = layout
        self.style = style
        self.avatars = avatars
        self.names = names
        if let background, background.size == layout.size {
            backdrop = background
        } else {
            var plain = FrameBuffer(size: layout.size)
            try drawing(into: &plain.pixels, width: layout.size.width, height: layout.size.height, "cannot paint the scene background") {
                $0.paint(style.background)
            }
            backdrop = plain
        }
    }

    /// Draws `scene` into `buffer`.
    public func render(_ scene: SceneFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        guard buffer.size == layout.size else {
            throw OratorError(.renderFailed, "frame buffer is \(buffer.size) but the scene renderer draws \(layout.size)")
        }
        buffer.pixels.withUnsafeMutableBytes { target in backdrop.pixels.withUnsafeBytes { target.copyMemory(from: $0) } }
        let layout = layout, style = style, names = names
        if style.visualization.isBehind {
            try drawing(into: &buffer.pixels, width: layout.size.width, height: layout.size.height, "cannot draw the visualization") {
                VisualizationPainter(canvas: $0, layout: layout, style: style).paint(scene)
            }
        }
        for (index, cell) in layout.cells.enumerated() {
            var face = scratch.take(index) ?? FrameBuffer(size: FrameSize(width: cell.width, height: cell.height))
            defer { scratch.give(face, index) }
            try avatars[index].render(scene.speakers[min(index, scene.speakers.count - 1)], into: &face)
            Self.blit(face, into: &buffer, x: cell.x, y: cell.y)
        }
        try drawing(into: &buffer.pixels, width: layout.size.width, height: layout.size.height, "cannot draw the scene overlays") {
            ScenePainter(canvas: $0, layout: layout, style: style).paint(scene, names: names)
        }
    }

    /// Copies `source` into `target` with its top-left corner at (`x`, `y`).
    static func blit(_ source: FrameBuffer, into target: inout FrameBuffer, x: Int, y: Int) {
        let rowBytes = source.size.width * 4
        source.pixels.withUnsafeBytes { from in
            target.pixels.withUnsafeMutableBytes { to in
                for row in 0..<source.size.height where y + row < target.size.height {
                    let destination = ((y + row) * target.size.width + x) * 4
                    memcpy(to.baseAddress! + destination, from.baseAddress! + row * rowBytes, min(rowBytes, (target.size.width - x) * 4))
                }
            }
        }
    }
}

/// Frames for the cells, handed to one rendering thread at a time and returned after the blit,
/// so a scene frame does not allocate (and blacken) a frame per speaker.
final class CellScratch: @unchecked Sendable {
    // Safe: `free` is read and written under `lock`; a taken frame belongs to one caller.
    private let lock = NSLock()
    private var free: [Int: [FrameBuffer]] = [:]

    func take(_ cell: Int) -> FrameBuffer? { lock.withLock { free[cell]?.popLast() } }
    func give(_ frame: FrameBuffer, _ cell: Int) { lock.withLock { free[cell, default: []].append(frame) } }
}
