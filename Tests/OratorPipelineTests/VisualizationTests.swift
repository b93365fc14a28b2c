import Foundation
import OratorAudio
import OratorCore
import OratorRender
import OratorTestSupport
import Testing
@testable import OratorPipeline

/// A flat grey speaker, so everything else in a frame is the visualization.
private struct FlatRenderer: FrameRendering {
    let size: FrameSize
    func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        for index in stride(from: 0, to: buffer.pixels.count, by: 4) {
            buffer.pixels[index] = 90; buffer.pixels[index + 1] = 90; buffer.pixels[index + 2] = 90; buffer.pixels[index + 3] = 255
        }
    }
}

@Suite("Audio visualization styles follow the audio")
struct VisualizationTests {
    static let fps = 25.0
    static let frames = 120
    /// Loudness of each block of 4 frames, in an order that is neither rising nor falling.
    static let amplitudes: [Float] = [0.3, 0.02, 0.6, 0.1, 0, 0.45, 0.05, 0.8, 0.2, 0.01, 0.7, 0.15, 0.4, 0, 0.25,
                                      0.9, 0.03, 0.55, 0.08, 0.35, 0.65, 0.12, 0.5, 0.04, 0.75, 0.18, 0.28, 0.06, 0.85, 0.22]

    /// Noise (every band gets energy) at a loudness that changes every 4 frames; returns the WAV
    /// and each frame's RMS over the visualizer's window around the frame's time.
    static func noiseBursts(in folder: URL) throws -> (URL, [Double]) {
        let url = folder.appendingPathComponent("bursts.wav")
        let rate = 48_000, perFrame = rate / Int(fps)
        var state: UInt64 = 7
        var samples: [Float] = []
        for frame in 0..<frames {
            let amplitude = amplitudes[frame / 4]
            for _ in 0..<perFrame {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                samples.append(amplitude * (Float(state >> 40) / Float(1 << 24) * 2 - 1))
            }
        }
        let writer = try WAVFileWriter(url: url, sampleRate: rate)
        try writer.append(samples)
        try writer.close()
        let half = Int(AudioVisualizer.window * Double(rate)) / 2
        let rms = (0..<frames).map { frame -> Double in
            let centre = frame * perFrame
            let slice = samples[max(0, centre - half)..<min(samples.count, centre + half)]
            return sqrt(slice.reduce(0) { $0 + Double($1 * $1) } / Double(slice.count))
        }
        return (url, rms)
    }

    /// How much of the frame the visualization changed: the summed difference from the frame drawn without it.
    static func drawn(_ style: VisualizationStyle, visuals: [(levels: [Float], wave: [Float])]) throws -> [Double] {
        let size = FrameSize(width: 192, height: 108)
        let layout = SceneLayout(size: size, speakers: 1, visualization: style)
        let cell = layout.cells[0]
        let renderer = try SceneRenderer(layout: layout, style: SceneStyle(visualization: style),
                                         avatars: [FlatRenderer(size: FrameSize(width: cell.width, height: cell.height))], names: [""])
        var plain = FrameBuffer(size: size)
        try renderer.render(SceneFrame(speakers: [.rest]), into: &plain)
        return try visuals.enumerated().map { frame, visual in
            var buffer = FrameBuffer(size: size)
            try renderer.render(SceneFrame(speakers: [.rest], active: 0, levels: visual.levels, wave: visual.wave,
                                           time: Double(frame) / fps), into: &buffer)
            return buffer.pixels.withUnsafeBufferPointer { drawn in
                plain.pixels.withUnsafeBufferPointer { plain in
                    var sum = 0
                    for index in 0..<drawn.count { sum += abs(Int(drawn[index]) - Int(plain[index])) }
                    return Double(sum)
                }
            }
        }
    }

    /// Spearman's rank correlation.
    static func rankCorrelation(_ a: [Double], _ b: [Double]) -> Double {
        func ranks(_ values: [Double]) -> [Double] {
            let order = values.indices.sorted { values[$0] < values[$1] }
            var result = [Double](repeating: 0, count: values.count)
            var start = 0
            while start < order.count {
                var end = start
                while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
                for index in start...end { result[order[index]] = Double(start + end) / 2 }
                start = end + 1
            }
            return result
        }
        let (x, y) = (ranks(a), ranks(b))
        let (mx, my) = (x.reduce(0, +) / Double(x.count), y.reduce(0, +) / Double(y.count))
        let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let spread = sqrt(x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) } * y.reduce(0) { $0 + ($1 - my) * ($1 - my) })
        return spread > 0 ? covariance / spread : 0
    }

    static let styles: [VisualizationStyle] = VisualizationStyle.Kind.allCases.filter { $0 != .none }.map { VisualizationStyle(kind: $0) }
        + [VisualizationStyle(kind: .bars, position: .behind), VisualizationStyle(kind: .spectrum, position: .top, mirror: true),
           VisualizationStyle(kind: .filled, mirror: true), VisualizationStyle(kind: .circular, mirror: true),
           VisualizationStyle(kind: .particles, position: .behind, mirror: true)]

    @Test("drawn energy rises and falls with the audio's", arguments: styles)
    func followsTheAudio(_ style: VisualizationStyle) throws {
        let folder = try TemporaryFolder()
        let (audio, rms) = try Self.noiseBursts(in: folder.url)
        let visuals = try AudioVisualizer(audio: audio, fps: Self.fps).frames(0..<Self.frames)
        let drawn = try Self.drawn(style, visuals: visuals)
        let correlation = Self.rankCorrelation(drawn, rms)
        #expect(correlation >= 0.8, "\(style.kind) \(style.position) mirror \(style.mirror): rank correlation \(correlation)")
        #expect(drawn.max()! > 0, "\(style.kind) drew nothing")
    }

    @Test func smoothingHoldsPeaksAndIgnoresWhereAChunkStarts() throws {
        let folder = try TemporaryFolder()
        let (audio, _) = try Self.noiseBursts(in: folder.url)
        let raw = try AudioVisualizer(audio: audio, fps: Self.fps).frames(0..<Self.frames)
        let smooth = AudioVisualizer(audio: audio, fps: Self.fps, smoothing: 0.8)
        let whole = try smooth.frames(0..<Self.frames)
        // Block 15 (0.9) is followed by block 16 (0.03): the first quiet frames keep much of the peak.
        let quiet = 16 * 4 + 1
        #expect(whole[quiet].levels.reduce(0, +) > raw[quiet].levels.reduce(0, +) * 1.5)
        for frame in 0..<Self.frames { #expect(zip(whole[frame].levels, raw[frame].levels).allSatisfy { $0 >= $1 }) }
        // A chunk starting at frame 50 looks back on the frames before it (to within the few
        // thousandths that reading from another start sample gives unsmoothed levels too).
        let chunk = try smooth.frames(50..<70)
        for index in 0..<20 {
            #expect(zip(chunk[index].levels, whole[50 + index].levels).allSatisfy { abs($0 - $1) < 0.005 }, "frame \(50 + index)")
        }
    }

    @Test func outOfRangeSettingsAreRefused() {
        for style in [VisualizationStyle(kind: .bars, height: 0.9), VisualizationStyle(kind: .bars, opacity: 0),
                      VisualizationStyle(kind: .bars, smoothing: -1), VisualizationStyle(kind: .bars, height: .nan)] {
            #expect(throws: OratorError.self) { try style.validate() }
        }
        #expect(throws: Never.self) { try VisualizationStyle(kind: .spectrum, height: 0.5, opacity: 0.05, smoothing: 1).validate() }
    }
}
