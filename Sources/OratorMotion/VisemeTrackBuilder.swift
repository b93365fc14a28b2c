import OratorCore

/// Turns phone timings into mouth cues: phones -> shapes, short pauses bridged, too-short shapes
/// absorbed (closed lips kept), anticipation before vowels, tweens between distant shapes, rest
/// in silence. Every lip-sync path (speech engine, alignment, recognition) goes through here.
public struct VisemeTrackBuilder: Sendable {
    public var rules: LipSyncRules
    /// Which of the extended shapes G, H, X may appear; the others are replaced by basic ones
    /// (G -> B, H -> C, X -> A), as tools that read Rhubarb's basic set expect.
    public var extendedShapes: Set<MouthShape>

    public init(rules: LipSyncRules = LipSyncRules(), extendedShapes: Set<MouthShape> = [.g, .h, .x]) {
        self.rules = rules
        self.extendedShapes = extendedShapes
    }

    /// Mouth cues covering `0..<timeline.duration` without gaps or overlaps.
    public func cues(for timeline: SpeechTimeline) -> [MouthCue] {
        guard timeline.duration > 0 else { return [] }
        var cues = rawCues(for: timeline)
        cues = bridgeShortPauses(cues)
        cues = merged(cues)
        cues = enforceMinimumHold(cues)
        cues = anticipate(cues)
        cues = insertTweens(cues)
        cues = cues.map { MouthCue(shape: restrict($0.shape), start: $0.start, end: $0.end) }
        return merged(cues)
    }

    /// One cue per phone (two for diphthongs), with rest filling gaps.
    func rawCues(for timeline: SpeechTimeline) -> [MouthCue] {
        var cues: [MouthCue] = []
        var cursor = 0.0
        for phone in timeline.phones.sorted(by: { $0.start < $1.start }) {
            let start = max(phone.start, cursor)
            let end = min(phone.end, timeline.duration)
            guard end > start else { continue }
            if start > cursor { cues.append(MouthCue(shape: .x, start: cursor, end: start)) }
            let shapes = PhoneShapeTable.shapes(for: phone.phone)
            if shapes.start == shapes.end {
                cues.append(MouthCue(shape: shapes.start, start: start, end: end))
            } else {
                let split = start + (end - start) * 0.6
                cues.append(MouthCue(shape: shapes.start, start: start, end: split))
                cues.append(MouthCue(shape: shapes.end, start: split, end: end))
            }
            cursor = end
        }
        if cursor < timeline.duration { cues.append(MouthCue(shape: .x, start: cursor, end: timeline.duration)) }
        return cues
    }

    /// A brief silence between sounds (a stop's closure, a breath) keeps the mouth ready:
    /// closed if lips close next, else teeth together.
    func bridgeShortPauses(_ cues: [MouthCue]) -> [MouthCue] {
        var result = cues
        for index in result.indices where index > 0 && index < result.count - 1 {
            guard result[index].shape == .x, result[index].duration < rules.shortPause else { continue }
            result[index].shape = result[index + 1].shape == .a || result[index - 1].shape == .a ? .a : .b
        }
        return result
    }

    /// Joins neighbouring cues of the same shape.
    func merged(_ cues: [MouthCue]) -> [MouthCue] {
        var result: [MouthCue] = []
        for cue in cues where cue.end > cue.start {
            if let last = result.last, last.shape == cue.shape {
                result[result.count - 1].end = cue.end
            } else {
                result.append(cue)
            }
        }
        return result
    }

    /// Lengthens short lip closures and absorbs other shapes shorter than the minimum hold.
    func enforceMinimumHold(_ input: [MouthCue]) -> [MouthCue] {
        var cues = input
        let hold = rules.minimumHold
        for index in cues.indices where cues[index].shape == .a && cues[index].duration < hold {
            var missing = hold - cues[index].duration
            if index > 0 {
                let take = min(missing / 2, max(0, cues[index - 1].duration - hold / 2))
                cues[index - 1].end -= take; cues[index].start -= take; missing -= take
            }
            if index < cues.count - 1 {
                let take = min(missing, max(0, cues[index + 1].duration - hold / 2))
                cues[index + 1].start += take; cues[index].end += take
            }
        }
        while cues.count > 1 {
            let candidates = cues.indices.filter { cues[$0].duration < hold && cues[$0].shape != .a }
            guard let index = candidates.min(by: { cues[$0].duration < cues[$1].duration }) else { break }
            let pose = MouthPose.of(cues[index].shape)
            let previous = index > 0 ? cues[index - 1] : nil
            let next = index < cues.count - 1 ? cues[index + 1] : nil
            let towardPrevious: Bool = switch (previous, next) {
            case let (p?, n?):
                p.shape != .a && (n.shape == .a || pose.distance(to: .of(p.shape)) <= pose.distance(to: .of(n.shape)))
            case (.some, nil): true
            default: false
            }
            if towardPrevious { cues[index - 1].end = cues[index].end } else { cues[index + 1].start = cues[index].start }
            cues.remove(at: index)
            cues = merged(cues)
        }
        return cues
    }

    /// Moves the start of open and rounded shapes earlier, and of any speech after rest.
    func anticipate(_ input: [MouthCue]) -> [MouthCue] {
        var cues = input
        for index in cues.indices.dropFirst() {
            let shape = cues[index].shape
            let previous = cues[index - 1]
            let lead: Double
            if previous.shape == .x {
                lead = min(rules.leadIn, previous.duration)
            } else if [.c, .d, .e, .f].contains(shape), previous.shape != .a {
                lead = min(rules.anticipation, max(0, previous.duration - rules.minimumHold))
            } else {
                continue
            }
            cues[index - 1].end -= lead
            cues[index].start -= lead
        }
        return cues.filter { $0.end > $0.start }
    }

    /// Puts a short in-between shape where the mouth would otherwise jump (wide open to closed).
    func insertTweens(_ input: [MouthCue]) -> [MouthCue] {
        guard input.count > 1 else { return input }
        var result: [MouthCue] = [input[0]]
        let half = rules.tweenDuration / 2
        for cue in input.dropFirst() {
            var current = cue
            let previous = result[result.count - 1]
            let from = MouthPose.of(previous.shape), to = MouthPose.of(current.shape)
            if from.distance(to: to) > rules.tweenThreshold,
               previous.duration >= rules.minimumHold + half, current.duration >= rules.minimumHold + half,
               let tween = tweenShape(between: previous.shape, and: current.shape) {
                let boundary = current.start
                result[result.count - 1].end = boundary - half
                result.append(MouthCue(shape: tween, start: boundary - half, end: boundary + half))
                current.start = boundary + half
            }
            result.append(current)
        }
        return result
    }

    /// The basic shape closest to halfway between two poses.
    private func tweenShape(between a: MouthShape, and b: MouthShape) -> MouthShape? {
        let middle = MouthPose.of(a) * 0.5 + MouthPose.of(b) * 0.5
        return [MouthShape.b, .c, .e]
            .filter { $0 != a && $0 != b }
            .min { MouthPose.of($0).distance(to: middle) < MouthPose.of($1).distance(to: middle) }
    }

    private func restrict(_ shape: MouthShape) -> MouthShape {
        guard [.g, .h, .x].contains(shape), !extendedShapes.contains(shape) else { return shape }
        switch shape {
        case .g: return .b
        case .h: return .c
        default: return .a
        }
    }
}
