import Foundation
import OratorCore
import Testing
@testable import OratorSpeech

/// libespeak-ng is one global instance shared by the synthesizer and the phonemizer: using
/// one must not change what the other returns, including from several threads at once.
@Suite("espeak-ng shared state")
struct EspeakStateTests {
    static let sentence = "he was not an ill disposed young man"

    @Test("phonemizing between syntheses changes nothing")
    func interleaved() throws {
        let engine = try EspeakSynthesizer()
        let before = try engine.synthesize(Self.sentence)
        _ = try EspeakPhonemizer.sentences("Something else entirely. And more.", voice: "en-us")
        let after = try engine.synthesize(Self.sentence)
        #expect(after.timeline.words.map(\.text) == Self.sentence.split(separator: " ").map(String.init))
        #expect(before.timeline.phones.map(\.phone) == after.timeline.phones.map(\.phone))
        // espeak-ng's timing depends on what it synthesized before (other voices, other tests in
        // this process) by up to about 10 ms; the sounds and words must not change.
        for (a, b) in zip(before.timeline.phones, after.timeline.phones) { #expect(abs(a.start - b.start) < 0.02) }
    }

    @Test("concurrent synthesis and phonemizing give the same words every time")
    func concurrent() throws {
        let engine = try EspeakSynthesizer()
        let expected = Self.sentence.split(separator: " ").map(String.init)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            if index % 2 == 0 {
                let words = (try? engine.synthesize(Self.sentence).timeline.words.map(\.text)) ?? []
                if words != expected { failures.add("\(words)") }
            } else {
                _ = try? EspeakPhonemizer.sentences("Other text here, with a clause.", voice: "en-us")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }
}

final class Failures: @unchecked Sendable {
    // Safe: `items` is only touched under `lock`.
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
