import Foundation
import OratorCore
import Testing
@testable import OratorScript

@Suite("Expression cues in scripts")
struct ExpressionCueTests {
    @Test("an expression takes effect at the word after it, without breaking the paragraph")
    func position() throws {
        let script = try ScriptParser().parse("Hello there. [smile] Nice to see you.\n[happy 0.6]And more.")
        #expect(script.segments == [
            .expression(ScriptExpression(expression: .smile, intensity: 1, word: 2, line: 1)),
            .expression(ScriptExpression(expression: .happy, intensity: 0.6, word: 6, line: 2)),
            .speech("Hello there. Nice to see you. And more.", line: 1, speaker: nil),
        ])
    }

    @Test("a cue on its own line belongs to the next paragraph; one after the last word holds after it")
    func ownLineAndEnd() throws {
        let script = try ScriptParser(paragraphPause: 0.5).parse("First.\n\n[surprise]\n\nSecond one. [neutral]")
        #expect(script.segments == [
            .speech("First.", line: 1, speaker: nil),
            .pause(0.5),
            .expression(ScriptExpression(expression: .surprise, intensity: 1, word: 0, line: 3)),
            .expression(ScriptExpression(expression: .neutral, intensity: 1, word: 2, line: 5)),
            .speech("Second one.", line: 5, speaker: nil),
        ])
        let trailing = try ScriptParser().parse("Only words.\n\n[sad]")
        #expect(trailing.segments.last == .expression(ScriptExpression(expression: .sad, intensity: 1, word: 0, line: 3)))
    }

    @Test("in episodes a cue goes with its speaker's turn")
    func speakers() throws {
        let script = try ScriptParser().parse("HOST: Welcome back. [smile]\nGUEST: [serious 0.4] Thanks.")
        let expressions = script.segments.compactMap { if case let .expression(cue) = $0 { cue } else { nil } }
        #expect(expressions.map(\.expression) == [.smile, .serious])
        guard case .expression = script.segments[0], case .speech(_, _, "HOST") = script.segments[1],
              case .expression = script.segments[3], case .speech(_, _, "GUEST") = script.segments[4] else {
            Issue.record("unexpected segments \(script.segments)")
            return
        }
    }

    @Test("a long paragraph split into segments gives each cue the word in its own segment")
    func splitParagraph() throws {
        let sentence = String(repeating: "word ", count: 60).trimmingCharacters(in: .whitespaces) + "."
        let text = Array(repeating: sentence, count: 8).joined(separator: " ") + " [happy] last words."
        let script = try ScriptParser().parse(text)
        let pieces = script.segments.compactMap { if case let .speech(text, _, _) = $0 { text } else { nil } }
        #expect(pieces.count > 1)
        guard let cueIndex = script.segments.firstIndex(where: { if case .expression = $0 { true } else { false } }),
              case let .expression(cue) = script.segments[cueIndex], case let .speech(after, _, _) = script.segments[cueIndex + 1] else {
            Issue.record("no expression before a speech segment")
            return
        }
        let words = after.split(separator: " ")
        #expect(words[cue.word] == "last", "the cue points at 'last' in its own segment")
    }

    @Test("bad intensities and unknown cues name the line and column", arguments: [
        ("Hi [happy 2] there.", "script:1:4: bad intensity '2' in [happy 2] (use 0 to 1"),
        ("Hi.\n  [smile a b]", "script:2:3: [smile a b] takes one intensity at most"),
        ("Hi [grin].", "script:1:4: unknown cue '[grin]'"),
    ])
    func errors(text: String, message: String) {
        #expect {
            try ScriptParser().parse(text)
        } throws: { error in
            guard let error = error as? OratorError else { return false }
            return error.message.hasPrefix(message) && (message.contains("unknown") ? error.message.contains("[smile]") : true)
        }
    }
}
