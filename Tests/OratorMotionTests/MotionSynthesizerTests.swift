import OratorCore
import Testing
@testable import OratorMotion

@Suite("Motion synthesis")
struct MotionSynthesizerTests {
    let line = timeline([(.hh, 0.08), (.eh, 0.1), (.l, 0.08), (.ow, 0.25), (.silence, 0.8), (.w, 0.1), (.er, 0.2), (.l, 0.1), (.d, 0.08)],
                        lead: 0.5, tail: 6)
    var cues: [MouthCue] { VisemeTrackBuilder().cues(for: line) }

    func make(_ configuration: MotionConfiguration) -> MotionTrack {
        MotionSynthesizer(configuration: configuration).track(cues: cues, timeline: line, duration: line.duration)
    }

    @Test("one frame per 1/fps covering the clip")
    func frameCount() {
        let track = make(MotionConfiguration(fps: 30))
        #expect(track.frames.count == Int((line.duration * 30).rounded(.up)))
        #expect(track.duration >= line.duration)
    }

    @Test("the same seed gives identical motion; another seed differs")
    func determinism() {
        let a = make(MotionConfiguration(seed: 42))
        let b = make(MotionConfiguration(seed: 42))
        let c = make(MotionConfiguration(seed: 43))
        #expect(a == b)
        #expect(a.frames.map(\.headYaw) != c.frames.map(\.headYaw))
        #expect(a.frames.map(\.jawOpen) == c.frames.map(\.jawOpen), "the mouth follows the speech, not the seed")
    }

    @Test("eyes blink now and then, fully closing, at plausible intervals")
    func blinks() {
        let track = make(MotionConfiguration(seed: 7))
        let closedFrames = track.frames.indices.filter { track.frames[$0].blinkLeft > 0.9 }
        #expect(!closedFrames.isEmpty)
        let blinkStarts = closedFrames.enumerated().filter { $0.offset == 0 || closedFrames[$0.offset - 1] != $0.element - 1 }
        let perSecond = Double(blinkStarts.count) / track.duration
        #expect(perSecond > 0.1 && perSecond < 0.8, "\(blinkStarts.count) blinks in \(track.duration) s")
        let openFrames = track.frames.filter { $0.blinkLeft < 0.05 }.count
        #expect(Double(openFrames) / Double(track.frames.count) > 0.85)
    }

    @Test("the mouth is open while vowels sound and closed in silence")
    func mouthFollowsSpeech() {
        let track = make(MotionConfiguration())
        let vowelFrame = Int(((0.5 + 0.26 + 0.12) * 25).rounded())   // inside OW
        #expect(track.frames[vowelFrame].jawOpen > 0.2 || track.frames[vowelFrame].lipRound > 0.5)
        let silentFrame = Int(((0.5 + 0.51 + 0.5) * 25).rounded())   // inside the 0.8 s pause
        #expect(track.frames[silentFrame].jawOpen < 0.05)
        #expect(track.frames[silentFrame].mouthShape == .x)
        #expect(track.frames.last?.mouthShape == .x)
    }

    @Test("--still removes head motion but keeps the mouth and blinks")
    func still() {
        let moving = make(MotionConfiguration(seed: 3))
        let still = make(MotionConfiguration(seed: 3, still: true))
        #expect(moving.frames.contains { abs($0.headYaw) > 0.5 })
        #expect(still.frames.allSatisfy { $0.headYaw == 0 && $0.headPitch == 0 && $0.headRoll == 0 && $0.translateX == 0 && $0.translateY == 0 })
        #expect(still.frames.map(\.jawOpen) == moving.frames.map(\.jawOpen))
        #expect(still.frames.map(\.blinkLeft) == moving.frames.map(\.blinkLeft))
    }

    @Test("head motion stays within about ten degrees")
    func headRange() {
        for seed in UInt64(0)..<20 {
            let track = make(MotionConfiguration(seed: seed))
            #expect(track.frames.allSatisfy { abs($0.headYaw) <= 10 && abs($0.headPitch) <= 10 && abs($0.headRoll) <= 10 })
        }
    }

    @Test("expression scale scales the mouth")
    func expressionScale() {
        let normal = make(MotionConfiguration())
        let subtle = make(MotionConfiguration(expressionScale: 0.5))
        let peakNormal = normal.frames.map(\.jawOpen).max() ?? 0
        let peakSubtle = subtle.frames.map(\.jawOpen).max() ?? 0
        #expect(peakNormal > 0.3)
        #expect(abs(peakSubtle - peakNormal * 0.5) < 0.01)
    }
}
