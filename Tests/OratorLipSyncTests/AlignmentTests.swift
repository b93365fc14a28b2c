import Foundation
import OratorCore
@testable import OratorLipSync
import OratorTestSupport
import Testing

@Suite("Forced alignment")
struct AlignmentTests {
    static let sentence = "Bob met Mary at the museum, and they admired the marble columns."

    @Test func synthesizedSentenceBoundariesWithin40Milliseconds() throws {
        // Ground truth: another espeak-ng voice at another rate, whose phone events are exact.
        let truth = try Fixtures.spoken(Self.sentence, voice: "en-us+f2", wordsPerMinute: 130)
        let scratch = try TemporaryFolder("lipsync")
        let folder = scratch.url
        let url = try Fixtures.wav(truth.audio, in: folder, name: "truth.wav")
        let result = try LipSyncEngine().analyze(audioURL: url, transcript: Self.sentence)
        #expect(result.method == .forcedAlignment)
        #expect(result.warnings.isEmpty)
        let errors = TrackComparison.boundaryErrors(found: result.timeline.phones, truth: truth.timeline.phones)
        #expect(errors.count >= truth.timeline.phones.filter { $0.phone != .silence }.count * 8 / 10)
        #expect(TrackComparison.median(errors) <= 0.04)
        let written = Self.sentence.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        // Sentence punctuation may stay with its word (for captions); the words themselves must match.
        #expect(result.timeline.words.map { $0.text.trimmingCharacters(in: .punctuationCharacters) } == written)
        let cost = try #require(result.alignmentCost)
        #expect(cost < LipSyncConfiguration().mismatchCost)
    }

    @Test func realSpeechWordsFallInVoicedRegions() throws {
        let result = try LipSyncEngine().analyze(audioURL: Fixtures.clip, transcript: Fixtures.clipText)
        #expect(result.timeline.words.map(\.text) == Fixtures.clipText.split(separator: " ").map(String.init))
        let starts = result.timeline.words.map(\.start)
        #expect(starts == starts.sorted())
        for word in result.timeline.words {
            #expect(result.voiceActivity.isSpeech(at: (word.start + word.end) / 2) || word.end - word.start < 0.05,
                    "\(word.text) at \(word.start)-\(word.end) is not in speech")
        }
        #expect(try #require(result.alignmentCost) < LipSyncConfiguration().mismatchCost)
    }

    @Test func mismatchedTranscriptWarnsWithCost() throws {
        let text = "Seventeen purple elephants quietly juggled frozen umbrellas beside the volcano."
        let result = try LipSyncEngine().analyze(audioURL: Fixtures.clip, transcript: text)
        let cost = try #require(result.alignmentCost)
        #expect(cost > LipSyncConfiguration().mismatchCost)
        #expect(result.warnings.contains { $0.contains("may not match") && $0.contains(String(format: "%.2f", cost)) })
        #expect(abs((result.cues.last?.end ?? 0) - result.duration) < 1e-6)
    }

    @Test func warpFollowsAKnownStretch() throws {
        // The query is the reference played at two-thirds speed with a pause inserted; windows of
        // 40 frames force the path to be stitched together many times.
        let reference = (0..<300).map { frame -> [Float] in [sin(Float(frame) * 0.11), cos(Float(frame) * 0.07), Float(frame % 17) / 17] }
        var query: [[Float]] = []
        for frame in stride(from: 0.0, to: 300, by: 1.5) {
            query.append(reference[Int(frame)])
            if Int(frame) == 150 { query += Array(repeating: [0, 0, -3], count: 20) }
        }
        let warp = WindowedTimeWarper(windowFrames: 40, slack: 1.7, margin: 10, maximumQueryFrames: 200)
        let path = warp.align(reference: FeatureMatrix(dimensions: 3, values: reference.flatMap { $0 }),
                              query: FeatureMatrix(dimensions: 3, values: query.flatMap { $0 }))
        let first = try #require(path.pairs.first), last = try #require(path.pairs.last)
        #expect(first.reference == 0 && first.query == 0)
        #expect(last.reference == 299 && Int(last.query) == query.count - 1)
        for (a, b) in zip(path.pairs, path.pairs.dropFirst()) {
            #expect(b.reference - a.reference <= 1 && b.query - a.query <= 1 && b.reference >= a.reference && b.query >= a.query)
        }
        // Query frame 40 (reference 60, before the pause) and 150 (reference 195, after it).
        let at40 = path.pairs.filter { $0.query == 40 }.map { Int($0.reference) }
        let at150 = path.pairs.filter { $0.query == 150 }.map { Int($0.reference) }
        #expect(at40.contains { abs($0 - 60) <= 2 })
        #expect(at150.contains { abs($0 - 195) <= 2 })
    }

    @Test func longTranscriptsAreSpokenInChunks() {
        let sentence = "This sentence has a handful of words in it. "
        let chunks = TranscriptSpeech.chunks(of: String(repeating: sentence, count: 40))
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { $0.count <= TranscriptSpeech.maximumChunkCharacters })
        #expect(chunks.joined() == String(repeating: sentence, count: 40).trimmingCharacters(in: .whitespaces))
        let unbroken = String(repeating: "x", count: 1500)
        #expect(TranscriptSpeech.chunks(of: unbroken).joined() == unbroken)
    }
}
