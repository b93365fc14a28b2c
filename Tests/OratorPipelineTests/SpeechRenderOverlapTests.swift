import Foundation
import OratorCore
import OratorScript
import OratorMotion
import OratorSpeech
import OratorTestSupport
import Testing
@testable import OratorPipeline

/// espeak-ng, made as slow as a neural voice (a pause before each paragraph), so frames are
/// drawn while the script is still being spoken. Each paragraph is spoken once and replayed
/// after that, so two runs get the same speech (espeak-ng's timing drifts a little from one call
/// to the next in one process).
private final class SlowVoice: SpeechSynthesizing, @unchecked Sendable {
    // Safe: `spoken` is read and written under `lock`.
    private let base: any SpeechSynthesizing
    private let lock = NSLock()
    private var spoken: [String: SpeechSegment] = [:]
    init(base: any SpeechSynthesizing) { self.base = base }
    var sampleRate: Int { base.sampleRate }
    var engineDescription: String { "slowed " + base.engineDescription }
    func synthesize(_ text: String) throws(OratorError) -> SpeechSegment {
        Thread.sleep(forTimeInterval: 0.4)
        lock.lock()
        defer { lock.unlock() }
        if let known = spoken[text] { return known }
        let made = try base.synthesize(text)
        spoken[text] = made
        return made
    }
}

@Suite("Rendering beside the speech")
struct SpeechRenderOverlapTests {
    static let script = """
        # Overlap

        Hello, and welcome. [smile] This first paragraph is long enough to give the renderer frames to draw.

        The second one follows after a pause, with a question: is the head still where it was?

        [pause 0.6]

        And a short last one.
        """

    @Test("the motion of a timeline spoken so far is final up to the lookahead before its end")
    func prefixesAreFinal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try ScriptParser().parse(Self.script)
        let stage = MotionStage(configuration: MotionConfiguration(fps: 25, seed: 11))
        let prefixes = PrefixRecorder()
        let narration = try ScriptNarrator(synthesizer: EspeakSynthesizer(configuration: EspeakConfiguration()))
            .speak(script, to: folder.url.appendingPathComponent("s.wav"), spoken: { prefixes.add($0); return true })
        let full = stage.motion(for: narration.timeline).track.frames
        #expect(prefixes.all.count == 3)
        for prefix in prefixes.all {
            let final = Int((prefix.duration - MotionSynthesizer.lookahead) * 25)
            let early = stage.motion(for: prefix).track.frames
            #expect(final > 0 && final < full.count)
            #expect(Array(early.prefix(final)) == Array(full.prefix(final)), "frames before \(final) changed once more speech followed")
        }
    }

    @Test("a neural voice's video is the same bytes drawn beside the speech or after it", arguments: [750, 40])
    func sameBytes(framesPerChunk: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: Self.script)
        let voice = SlowVoice(base: try EspeakSynthesizer(configuration: EspeakConfiguration()))
        let engines = Engines(synthesizer: { _, _ in voice }, renderer: Engines.standard.renderer)
        var videos: [Data] = []
        for beside in [true, false] {
            // "joe" marks the run as a neural voice's; the engines speak it with espeak-ng.
            let settings = try SettingsResolver().resolve([SettingsLayer(voice: "joe", size: "96", seed: 3)])
            var request = CreateRequest(speech: .script(script), output: folder.url.appendingPathComponent("\(beside).mp4"), settings: settings)
            request.framesPerChunk = framesPerChunk
            request.rendersBesideSpeech = true
            request.drawsWhileSpeaking = beside
            let summary = try TalkingHeadPipeline(engines: engines).create(request, cache: nil)
            let render = try #require(summary.stages.first { $0.stage == "render" })
            let drawnBeside = render.engine?.contains("drawn beside the speech") == true
            // One chunk: drawn beside the speech. Several: chunks are cut by the final frame count,
            // so they wait for it.
            #expect(drawnBeside == (beside && framesPerChunk > summary.frames), "\(render.engine ?? "")")
            videos.append(try Data(contentsOf: request.output))
        }
        // Compared as a whole (a failing `==` on two videos would make the test library diff them byte by byte).
        let same = videos[0] == videos[1]
        let firstDifference = zip(videos[0], videos[1]).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(same, "\(videos[0].count) vs \(videos[1].count) bytes, first difference at \(firstDifference.map(String.init) ?? "the end")")
        #expect(videos[0].count > 10_000)
    }
}

/// The timelines the narrator reports, in order.
private final class PrefixRecorder: @unchecked Sendable {
    // Safe: the narrator reports on its own thread, one paragraph at a time, and the test
    // reads `all` after it has returned.
    private(set) var all: [SpeechTimeline] = []
    func add(_ timeline: SpeechTimeline) { all.append(timeline) }
}
