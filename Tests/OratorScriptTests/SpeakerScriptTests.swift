import Foundation
import OratorCore
import Testing
@testable import OratorScript

@Suite("Script format: speakers and cues")
struct SpeakerScriptTests {
    static let episode = """
        ---
        title: The Orator Show
        music: bed.ogg
        speakers:
          ALEX: { name: Alex Rivera, voice: en-us, avatar: builtin }
          SAM: { voice: en-gb, avatar: sam.jpg }
        ---
        # Intro
        ALEX: Welcome to the show.
        It is good to be here. [pause 1.5s] Really.
        SAM: Thanks, Alex.
        [music stop]

        # Part two
        ALEX: Back again. [pause 500ms]
        """

    @Test("front matter, turns, cues and chapters")
    func episode() throws {
        let script = try ScriptParser(paragraphPause: 0.6, turnGap: 0.3).parse(Self.episode, source: "ep.txt")
        #expect(script.title == "The Orator Show")
        #expect(script.music == .file("bed.ogg"))
        #expect(script.speakers.map(\.name) == ["ALEX", "SAM"])
        #expect(script.speaker(named: "ALEX")?.label == "Alex Rivera")
        #expect(script.speaker(named: "SAM")?.avatar == "sam.jpg")
        #expect(script.speaker(named: "SAM")?.label == "Sam")
        #expect(script.segments == [
            .heading("Intro", line: 8),
            .speech("Welcome to the show. It is good to be here.", line: 9, speaker: "ALEX"),
            .pause(1.5),
            .speech("Really.", line: 10, speaker: "ALEX"),
            .pause(0.3),
            .speech("Thanks, Alex.", line: 11, speaker: "SAM"),
            .music(nil, line: 12),
            .heading("Part two", line: 14),
            .speech("Back again.", line: 15, speaker: "ALEX"),
            .pause(0.5),
        ])
    }

    @Test("composed music: `music: generate MOOD` and `[music generate MOOD ...]`")
    func generatedMusic() throws {
        let script = try ScriptParser().parse("---\nmusic: generate calm\n---\nHello. [music generate upbeat tempo=110 key=G seed=3]\nThen. [music bed.ogg]")
        #expect(script.music == .generate(MusicRequest(mood: .calm)))
        let cues = script.segments.compactMap { if case let .music(music, _) = $0 { music } else { nil } }
        #expect(cues == [.generate(MusicRequest(mood: .upbeat, tempo: 110, key: MusicKey(tonic: 7, isMinor: false), seed: 3)), .file("bed.ogg")])
    }

    @Test("speakers appear in order of first turn when not declared")
    func undeclared() throws {
        let script = try ScriptParser().parse("SAM: Hi.\nALEX: Hello.\nSAM: Bye.")
        #expect(script.speakers.map(\.name) == ["SAM", "ALEX"])
    }

    @Test("ordinary sentences with colons are not speaker turns")
    func notTurns() throws {
        let script = try ScriptParser().parse("Note: this is plain. Time 10:30 works.")
        #expect(script.speakers.isEmpty)
    }

    @Test("errors name the line and column", arguments: [
        ("Hello [pause soon] there.", "script:1:7", "pause"),
        ("Hello.\n  Then [dance] now.", "script:2:8", "unknown cue"),
        ("Hello [pause 1s", "script:1:7", "closing"),
        ("---\nspeakers:\n  ALEX: {}\n---\nBOB: Hi.", "script:5:1", "unknown speaker 'BOB'"),
        ("---\ntitle: x\nmood: happy\n---\nHi.", "script:3:1", "mood"),
        ("---\ntitle: x\nHi.", "script:1:1", "never ends"),
        ("---\ntitle: x\nmusic: generate jazzy\n---\nHi.", "script:3:1", "unknown music mood 'jazzy'"),
        ("Hi. [music generate calm tempo=fast]", "script:1:5", "invalid tempo 'fast'"),
    ])
    func errors(_ text: String, _ location: String, _ message: String) {
        let error = #expect(throws: OratorError.self) { try ScriptParser().parse(text) }
        #expect(error?.message.hasPrefix(location) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
