import OratorCore
import Testing
@testable import OratorMotion

@Suite("Expressions in the motion track")
struct ExpressionMotionTests {
    /// "mama" twice over 3 s: closed-lip phones (m) under a smile from 1 s.
    static func timeline(expressions: [TimedExpression]) -> SpeechTimeline {
        var phones: [TimedPhone] = [TimedPhone(phone: .silence, start: 0, end: 0.5)]
        var time = 0.5
        for _ in 0..<6 {
            for (phone, length) in [(Phone.m, 0.12), (.aa, 0.2)] {
                phones.append(TimedPhone(phone: phone, start: time, end: time + length))
                time += length
            }
        }
        phones.append(TimedPhone(phone: .silence, start: time, end: 3))
        return SpeechTimeline(phones: phones, words: [TimedWord(text: "mama", start: 0.5, end: time)], duration: 3, expressions: expressions)
    }

    func track(_ expressions: [TimedExpression], _ configuration: MotionConfiguration = MotionConfiguration()) -> MotionTrack {
        let line = Self.timeline(expressions: expressions)
        return MotionSynthesizer(configuration: configuration).track(cues: VisemeTrackBuilder().cues(for: line), timeline: line, duration: 3)
    }

    @Test("a smile eases in over about 250 ms around its cue and holds")
    func easing() {
        let frames = track([TimedExpression(start: 1, expression: .happy)]).frames
        #expect(frames[20].smile == 0, "0.8 s: before the cue")
        #expect(frames[24].smile > 0 && frames[24].smile < 0.5, "0.96 s: easing in (\(frames[24].smile))")
        #expect(frames[29].smile == 1, "1.16 s: fully in")
        #expect(frames[70].smile == 1 && frames[70].cheekRaise > 0.5, "it holds")
    }

    @Test("a later cue eases from the current pose to the next; neutral returns to rest")
    func sequence() {
        let frames = track([TimedExpression(start: 0.5, expression: .surprise, intensity: 0.8),
                            TimedExpression(start: 1.5, expression: .neutral)]).frames
        #expect(frames[30].eyeWiden == 0.8)
        #expect(frames[30].browRaise > 0.7)
        #expect(frames[45].eyeWiden == 0)
    }

    @Test("expressions leave the lip sync alone, scale with the expression scale and show under --still")
    func combination() {
        let plain = track([])
        let smiling = track([TimedExpression(start: 0, expression: .happy)])
        #expect(plain.frames.map(\.lipPress) == smiling.frames.map(\.lipPress), "p/b/m press the lips as without a smile")
        #expect(plain.frames.map(\.jawOpen) == smiling.frames.map(\.jawOpen))
        let half = track([TimedExpression(start: 0, expression: .happy)], MotionConfiguration(expressionScale: 0.5))
        #expect(half.frames[50].smile == 0.5)
        let still = track([TimedExpression(start: 0, expression: .happy)], MotionConfiguration(still: true))
        #expect(still.frames[50].smile == 1 && still.frames[50].headYaw == 0)
        #expect(plain.frames.allSatisfy { $0.smile == 0 && $0.mouthFrown == 0 && $0.eyeWiden == 0 && $0.cheekRaise == 0 })
    }

    @Test("a cue's own transition is honoured (D-ID's transition_frames)")
    func transition() {
        let frames = track([TimedExpression(start: 1, expression: .smile, transition: 1)]).frames
        #expect(frames[25].smile > 0.25 && frames[25].smile < 0.4, "halfway through a 1 s transition: \(frames[25].smile)")
    }
}
