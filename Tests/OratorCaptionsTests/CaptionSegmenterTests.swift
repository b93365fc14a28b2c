import Foundation
import OratorCaptions
import OratorCore
import Testing

/// Captions are readable (two lines of at most 42 characters), keep every word in order, break
/// at sentences and pauses, never overlap, and lie on the speech.
@Suite struct CaptionSegmenterTests {
    @Test func captionsAreReadableAndKeepEveryWord() throws {
        let turns = CaptionFixtures.turns()
        let captions = try CaptionSegmenter().captions(for: turns)
        #expect(captions.count >= 8)
        for caption in captions {
            #expect(caption.lines.count >= 1 && caption.lines.count <= 2, "\(caption.lines)")
            let shown = [(caption.label ?? "") + caption.lines[0]] + caption.lines.dropFirst()
            for line in shown { #expect(line.count <= 42, "line '\(line)' is \(line.count) characters") }
        }
        let captionWords = captions.flatMap { $0.lines.joined(separator: " ").split(separator: " ").map(String.init) }
        #expect(captionWords == turns.flatMap { $0.words.map(\.text) })
        // The speaker's name opens each turn and only that.
        #expect(captions.filter(\.showsSpeaker).map(\.speaker) == ["Alex", "Sam", "Alex", "Sam"])
        #expect(captions.allSatisfy { $0.speaker != nil })
    }

    @Test func captionsAreTimedOnTheSpeechWithoutOverlap() throws {
        let turns = CaptionFixtures.turns()
        let captions = try CaptionSegmenter().captions(for: turns)
        let words = turns.flatMap(\.words)
        var consumed = 0
        for (index, caption) in captions.enumerated() {
            let count = caption.lines.joined(separator: " ").split(separator: " ").count
            let own = words[consumed..<consumed + count]
            consumed += count
            #expect(abs(caption.start - own.first!.start) < 1e-9, "a caption starts with its first word")
            #expect(caption.end >= own.last!.end - 1e-9 || index + 1 < captions.count && caption.end == captions[index + 1].start)
            #expect(caption.end - caption.start >= 1.0 - 1e-9 || index + 1 < captions.count && caption.end == captions[index + 1].start)
            #expect(caption.end - caption.start <= 7.0 + 1e-9)
            if index + 1 < captions.count { #expect(caption.end <= captions[index + 1].start) }
            // Most of the caption's time is speech (it may linger a little into a pause).
            let speech = own.reduce(0.0) { $0 + ($1.end - $1.start) }
            #expect(speech / (caption.end - caption.start) > 0.6, "caption '\(caption.lines)' is mostly silence")
        }
    }

    @Test func sentencesAndPausesStartNewCaptions() throws {
        let captions = try CaptionSegmenter().captions(for: CaptionFixtures.turns(pause: 1.2, pauseBeforeWord: 10))
        let text = captions.map { $0.lines.joined(separator: " ") }
        // "Welcome back to the show." ends a sentence and is up for over a second.
        #expect(text.first == "Welcome back to the show.")
        // The 1.2 s pause before word 10 ("honey") splits "...talking about | honey bees...".
        #expect(text.contains { $0.hasSuffix("talking about") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("honey bees") }, "\(text)")
        // Short sentences too brief to stand alone share a caption ("So. Where should we start?").
        #expect(text.contains("So. Where should we start?"), "\(text)")
        // A long sentence breaks after a comma rather than mid-phrase.
        #expect(text.contains { $0.hasSuffix("eat,") }, "\(text)")
    }

    @Test func shiftingTurnsShiftsCaptions() throws {
        let turns = CaptionFixtures.turns()
        let plain = try CaptionSegmenter().captions(for: turns)
        let shifted = try CaptionSegmenter().captions(for: turns.map { $0.shifted(by: 2.5) })
        #expect(shifted.map(\.lines) == plain.map(\.lines))
        #expect(zip(shifted, plain).allSatisfy { abs($0.start - $1.start - 2.5) < 1e-9 && abs($0.end - $1.end - 2.5) < 1e-9 })
    }

    @Test func badWordTimesAreRejected() {
        let turn = CaptionTurn(speaker: "Alex", words: [TimedWord(text: "late", start: 2, end: 1)])
        #expect(throws: OratorError.self) { try CaptionSegmenter().captions(for: [turn]) }
    }
}
