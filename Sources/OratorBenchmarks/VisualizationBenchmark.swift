import Foundation
import OratorCore
import OratorRender

/// What each visualization style costs to draw: a two-speaker scene at 1920x1080 (the built-in
/// presenter in both cells) rendered `frames` times per style on one thread, with speech-like
/// levels and waves; CPU time per frame of the whole scene, and the style's share over none.
/// Thread CPU time, the best of `rounds` rounds that take the styles in turn, so other work on
/// the machine changes the figures less.
struct VisualizationBenchmark {
    var frames = 100
    var rounds = 3
    var size = FrameSize(width: 1920, height: 1080)

    func run() throws -> String {
        var lines = ["visualization: 2-speaker scene \(size.width)x\(size.height), \(frames) frames per style, one thread, best of \(rounds) (CPU ms per frame)",
                     "  style                   ms/frame   over none"]
        var base: Double?
        let styles = VisualizationStyle.Kind.allCases.map { VisualizationStyle(kind: $0) }
            + [VisualizationStyle(kind: .bars, position: .behind), VisualizationStyle(kind: .particles, mirror: true, smoothing: 0.5)]
        var best = [Double](repeating: .infinity, count: styles.count)
        for _ in 0..<rounds {
            for (index, style) in styles.enumerated() { best[index] = min(best[index], try measure(style)) }
        }
        for (style, milliseconds) in zip(styles, best) {
            base = base ?? milliseconds
            let name = style.kind.rawValue + (style.position == .behind ? " behind" : "") + (style.mirror ? " mirror" : "")
            lines.append("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0)
                         + String(format: " %9.2f   %+8.1f%%", milliseconds, 100 * (milliseconds / base! - 1)))
        }
        return lines.joined(separator: "\n")
    }

    private func measure(_ style: VisualizationStyle) throws -> Double {
        let layout = SceneLayout(size: size, speakers: 2, visualization: style)
        let avatars: [any FrameRendering] = try layout.cells.map { cell throws(OratorError) in
            try BuiltinAvatarRenderer(size: FrameSize(width: cell.width, height: cell.height))
        }
        let renderer = try SceneRenderer(layout: layout, style: SceneStyle(visualization: style), avatars: avatars, names: ["Alex", "Sam"])
        var buffer = FrameBuffer(size: size)
        var state: UInt64 = 11
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
        var cpu: Double = 0
        for frame in 0..<frames {
            let loudness = 0.3 + 0.5 * next()
            let levels = (0..<24).map { band in loudness * (1 - Float(band) / 30) * (0.7 + 0.3 * next()) }
            let wave = (0..<96).map { _ in (next() * 2 - 1) * loudness * 0.5 }
            let scene = SceneFrame(speakers: [MotionFrame(jawOpen: loudness), .rest], active: frame / 50 % 2, levels: levels, wave: wave,
                                   time: Double(frame) / 25)
            let start = Self.threadCPU()
            try renderer.render(scene, into: &buffer)
            cpu += Self.threadCPU() - start
        }
        return 1000 * cpu / Double(frames)
    }

    static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
