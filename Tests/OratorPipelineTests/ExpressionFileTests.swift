import Foundation
import OratorCore
import OratorScript
import OratorSpeech
import Testing
@testable import OratorPipeline

@Suite("Expressions for recordings and their place in time")
struct ExpressionFileTests {
    func parse(_ json: String, fps: Double = 25) throws(OratorError) -> [TimedExpression] {
        try ExpressionFile.parse(Data(json.utf8), fps: fps, source: "moods.json")
    }

    @Test("D-ID's driver_expressions: start frames at the video's rate, an intensity, transition_frames")
    func dIDForm() throws {
        let list = try parse(#"[{"start_frame": 50, "expression": "happy", "intensity": 0.6}, {"start_frame": 0, "expression": "neutral"}]"#)
        #expect(list == [TimedExpression(start: 0, expression: .neutral), TimedExpression(start: 2, expression: .happy, intensity: 0.6)])
        let object = try parse(#"{"expressions": [{"start_frame": 30, "expression": "surprise", "intensity": 1}], "transition_frames": 15}"#, fps: 30)
        #expect(object == [TimedExpression(start: 1, expression: .surprise, intensity: 1, transition: 0.5)])
    }

    @Test("the seconds form")
    func seconds() throws {
        #expect(try parse(#"[{"start": 1.5, "expression": "Smile"}]"#) == [TimedExpression(start: 1.5, expression: .smile)])
    }

    @Test("bad files name the file, the entry and the problem", arguments: [
        ("[{\"start\": 1, \"expression\": \"grin\"}]", "moods.json: expression 1: unknown expression 'grin' (use neutral, happy, smile, surprise, serious, sad)"),
        ("[{\"start\": 1, \"expression\": \"happy\", \"intensity\": 1.5}]", "moods.json: expression 1: intensity must be a number from 0 to 1"),
        ("[{\"expression\": \"happy\"}]", "moods.json: expression 1: needs \"start_frame\" (frames) or \"start\" (seconds)"),
        ("[{\"start\": 0}, {\"start_frame\": 2.5, \"expression\": \"happy\"}]", "moods.json: expression 1: needs \"expression\""),
        ("[{\"start\": 0, \"expression\": \"sad\"}, {\"start_frame\": 2.5, \"expression\": \"happy\"}]", "moods.json: expression 2: the start must be a whole frame number"),
        ("[{\"start\": 0, \"expression\": \"sad\", \"start_frame\": 1}]", "moods.json: expression 1: give \"start_frame\" or \"start\", not both"),
        ("[{\"start\": 0, \"expression\": \"sad\", \"mood\": 1}]", "moods.json: expression 1: unknown key 'mood'"),
        ("{\"expression\": \"sad\"}", "moods.json: expected a list of expressions"),
        ("[{\"start\": true, \"expression\": \"sad\"}]", "moods.json: expression 1: the start must be"),
        ("[{", "moods.json: not valid JSON"),
    ])
    func errors(json: String, message: String) {
        #expect {
            try parse(json)
        } throws: { error in
            guard let error = error as? OratorError else { return false }
            return error.message.hasPrefix(message) && !error.message.contains("\n")
        }
    }

    @Test("a cue's word maps to that word's start, past punctuation and words the engine did not speak")
    func placement() {
        let words = [TimedWord(text: "Hello", start: 0.1, end: 0.4), TimedWord(text: "there", start: 0.5, end: 0.8),
                     TimedWord(text: "friend", start: 1.2, end: 1.6)]
        let starts = ExpressionPlacement.wordStarts(text: "Hello, there — friend!", words: words, end: 2)
        #expect(starts == [0.1, 0.5, 1.2, 1.2, 1.6], "the dash was not spoken: a cue before it starts at 'friend'; after the last word: its end")
    }
}

@Suite("Expression cues spoken by espeak-ng")
struct NarratedExpressionTests {
    @Test("each cue starts at its word's spoken start; in episodes it goes with its speaker's turn")
    func narration() throws {
        let script = try ScriptParser().parse("HOST: Hello there, friend. [smile] Nice day today.\nGUEST: [surprise 0.5] Is it? [sad]")
        let wav = FileManager.default.temporaryDirectory.appendingPathComponent("narrated-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: wav) }
        let narration = try ScriptNarrator(synthesizer: EspeakSynthesizer()).speak(script, to: wav)
        let words = narration.timeline.words
        let nice = try #require(words.first { $0.text.hasPrefix("Nice") })
        let isWord = try #require(words.first { $0.text == "Is" })
        #expect(narration.timeline.expressions.map(\.expression) == [.smile, .surprise, .sad])
        #expect(abs(narration.timeline.expressions[0].start - nice.start) < 1e-9)
        #expect(abs(narration.timeline.expressions[1].start - isWord.start) < 1e-9)
        #expect(narration.timeline.expressions[1].intensity == 0.5)
        let last = try #require(words.last)
        #expect(narration.timeline.expressions[2].start >= last.end, "after the last word")
        #expect(narration.turns.map { $0.expressions.map(\.expression) } == [[.smile], [.surprise, .sad]])
    }
}
