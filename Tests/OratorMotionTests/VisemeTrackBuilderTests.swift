import OratorCore
import Testing
@testable import OratorMotion

/// Builds a timeline from (phone, duration) pairs laid end to end.
func timeline(_ items: [(Phone, Double)], lead: Double = 0.5, tail: Double = 0.5) -> SpeechTimeline {
    var phones: [TimedPhone] = []
    var time = lead
    for (phone, duration) in items {
        phones.append(TimedPhone(phone: phone, start: time, end: time + duration))
        time += duration
    }
    return SpeechTimeline(phones: phones, words: [], duration: time + tail)
}

@Suite("Viseme track rules")
struct VisemeTrackBuilderTests {
    let builder = VisemeTrackBuilder()

    @Test("cues cover the whole clip without gaps or overlaps")
    func coverage() {
        let line = timeline([(.hh, 0.06), (.ah, 0.09), (.l, 0.05), (.ow, 0.2), (.silence, 0.3), (.b, 0.05), (.aa, 0.15), (.b, 0.07)])
        let cues = builder.cues(for: line)
        #expect(cues.first?.start == 0)
        #expect(abs((cues.last?.end ?? 0) - line.duration) < 1e-9)
        for (a, b) in zip(cues, cues.dropFirst()) {
            #expect(abs(a.end - b.start) < 1e-9)
            #expect(a.shape != b.shape, "neighbours should be merged")
        }
    }

    @Test("silence rests with X and the clip starts and ends at rest")
    func restInSilence() {
        let line = timeline([(.s, 0.1), (.iy, 0.15), (.silence, 0.6), (.n, 0.08), (.ow, 0.2)])
        let cues = builder.cues(for: line)
        #expect(cues.first?.shape == .x)
        #expect(cues.last?.shape == .x)
        let middle = 0.5 + 0.25 + 0.3
        #expect(builder.shape(at: middle, in: cues) == .x)
    }

    @Test("a short P is lengthened to the minimum hold, not dropped")
    func closureKept() {
        let line = timeline([(.aa, 0.15), (.p, 0.03), (.aa, 0.15)])
        let closures = builder.cues(for: line).filter { $0.shape == .a }
        #expect(closures.count == 1)
        #expect((closures.first?.duration ?? 0) >= builder.rules.minimumHold - 1e-9)
    }

    @Test("no shape other than closed lips is shorter than the minimum hold")
    func minimumHold() {
        let line = timeline([(.s, 0.03), (.t, 0.02), (.r, 0.04), (.iy, 0.05), (.t, 0.03), (.s, 0.08), (.ae, 0.1)])
        let cues = builder.cues(for: line)
        for cue in cues.dropFirst().dropLast() where cue.shape != .a {
            #expect(cue.duration >= builder.rules.tweenDuration - 1e-9, "\(cue)")
        }
        let tooShort = cues.filter { $0.duration < builder.rules.minimumHold - 1e-9 && $0.shape != .a }
        // Only tweens may be shorter than the hold.
        #expect(tooShort.allSatisfy { abs($0.duration - builder.rules.tweenDuration) < 1e-9 })
    }

    @Test("vowels start before their sound (anticipation) and speech starts before the first sound")
    func anticipation() {
        let line = timeline([(.s, 0.12), (.aa, 0.2)])
        let cues = builder.cues(for: line)
        let vowel = cues.first { $0.shape == .d }
        #expect(vowel != nil)
        #expect((vowel?.start ?? 1) < 0.5 + 0.12 - 1e-6)
        let firstSpeech = cues.first { $0.shape != .x }
        #expect((firstSpeech?.start ?? 1) < 0.5 - 1e-6)
    }

    @Test("a tween separates wide open from closed lips")
    func tween() {
        let line = timeline([(.aa, 0.25), (.m, 0.2), (.aa, 0.25)])
        let shapes = builder.cues(for: line).map(\.shape)
        let wide = shapes.firstIndex(of: .d)!
        let closed = shapes.firstIndex(of: .a)!
        #expect(closed - wide == 2, "expected one in-between shape, got \(shapes)")
        #expect(shapes[wide + 1] == .c)
    }

    @Test("without extended shapes G, H and X become B, C and A")
    func basicShapesOnly() {
        let basic = VisemeTrackBuilder(extendedShapes: [])
        let line = timeline([(.f, 0.12), (.l, 0.12), (.silence, 0.5), (.aa, 0.2)])
        let shapes = Set(basic.cues(for: line).map(\.shape))
        #expect(shapes.isDisjoint(with: [.g, .h, .x]))
        #expect(shapes.contains(.a))
    }
}

extension VisemeTrackBuilder {
    func shape(at time: Double, in cues: [MouthCue]) -> MouthShape? {
        cues.first { $0.start <= time && time < $0.end }?.shape
    }
}
