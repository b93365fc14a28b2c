import Foundation
import OratorCore

/// Composes music beds: a chord progression from the mood's pool, voiced with voice leading for
/// pad and keys, a bass line, a light drum groove where the mood has one, in an intro, a body of
/// eight bars that repeats (and loops without a seam), and an ending that cadences to the tonic and
/// rings out. Every choice comes from the request's seed: the same request gives the same notes.
public struct MusicComposer: Sendable {
    /// Lengths a piece may have, in seconds.
    public static let lengthRange: ClosedRange<Double> = 1...(6 * 3600)

    /// Makes a composer.
    public init() {}

    /// A length from text: seconds (`60`, `60s`, `90.5s`), minutes (`2m`, `1m30s`) or `M:SS`,
    /// within `lengthRange`.
    public static func length(_ text: String) throws(OratorError) -> Double {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        var seconds: Double?
        if let colon = value.firstIndex(of: ":"), let minutes = Double(value[..<colon]), let rest = Double(value[value.index(after: colon)...]),
           rest >= 0, rest < 60 {
            seconds = minutes * 60 + rest
        } else if let m = value.firstIndex(of: "m"), value.hasSuffix("ms") == false {
            let rest = value[value.index(after: m)...]
            let tail = rest.isEmpty ? 0 : Double(rest.hasSuffix("s") ? rest.dropLast() : rest)
            if let minutes = Double(value[..<m]), let tail { seconds = minutes * 60 + tail }
        } else {
            seconds = Double(value.hasSuffix("s") ? String(value.dropLast()) : value)
        }
        guard let seconds, seconds.isFinite, lengthRange.contains(seconds) else {
            throw OratorError(.invalidInput, "invalid length '\(text)': use seconds or minutes from 1 s to \(Int(lengthRange.upperBound / 3600)) hours, e.g. 60s, 2m or 1m30s")
        }
        return seconds
    }

    /// A whole piece of `length` seconds: intro, body repeats, ending and ring-out.
    public func compose(_ request: MusicRequest, length: Double) throws(OratorError) -> Composition {
        guard length.isFinite, Self.lengthRange.contains(length) else {
            throw OratorError(.invalidInput, "invalid music length \(length) s: use 1 s to \(Int(Self.lengthRange.upperBound / 3600)) hours, e.g. 60s")
        }
        let material = try Material(request)
        let plan = FormPlan(length: length, ringOut: material.style.ringOut, beatsPerBar: 4, requested: request.tempo,
                            drawn: material.drawnTempo)
        let bar = 4 * ScoreBuilder.beat
        var score = ScoreBuilder(swing: material.style.swing, random: material.random.fork(11))
        var sections: [Composition.Section] = []
        var parts = material.partWriter
        if plan.introBars > 0 {
            material.intro(bars: plan.introBars, parts: &parts, into: &score)
            sections.append(.init(kind: .intro, start: 0, length: plan.introBars * bar))
        }
        var cursor = plan.introBars * bar
        for bars in plan.bodies {
            score.append(material.body, offset: cursor, limit: cursor + bars * bar)
            sections.append(.init(kind: .body, start: cursor, length: bars * bar))
            cursor += bars * bar
        }
        if plan.endingBars > 0 {
            let lastBar = (plan.bodies.last ?? 1) - 1
            let before = material.spans.last { $0.start <= lastBar * bar } ?? material.spans[0]
            var ending = ScoreBuilder(swing: material.style.swing, random: material.random.fork(12))
            material.ending(bars: plan.endingBars, after: before, parts: &parts, into: &ending)
            score.append(ending, offset: cursor)
            sections.append(.init(kind: .ending, start: cursor, length: plan.endingBars * bar))
        }
        return material.composition(score, tempo: plan.tempo, sections: sections, duration: plan.duration, audioStart: 0, loop: false)
    }

    /// One body as a loop: its last sample joins its first. Rendered after a body that rings into
    /// it and with the next body's start cross-faded in (`MusicRenderer`).
    public func composeLoop(_ request: MusicRequest) throws(OratorError) -> Composition {
        let material = try Material(request)
        let tempo = request.tempo ?? material.drawnTempo
        let length = FormPlan.bodyBars * 4 * ScoreBuilder.beat
        var score = ScoreBuilder(swing: material.style.swing, random: material.random.fork(11))
        var sections: [Composition.Section] = []
        for copy in 0..<3 {
            score.append(material.body, offset: copy * length)
            sections.append(.init(kind: .body, start: copy * length, length: length))
        }
        let composition = material.composition(score, tempo: tempo, sections: sections, duration: 0, audioStart: length, loop: true)
        var loop = composition
        loop.duration = composition.seconds(at: length)
        return loop
    }
}
