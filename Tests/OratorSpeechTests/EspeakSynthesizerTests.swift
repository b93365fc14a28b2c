import OratorCore
import Testing
@testable import OratorSpeech

@Suite("espeak-ng speech engine")
struct EspeakSynthesizerTests {
    @Test("speaks with phone and word timings that line up with the audio")
    func timings() throws {
        let engine = try EspeakSynthesizer()
        let segment = try engine.synthesize("Bob met Fred in the park.")
        #expect(segment.audio.sampleRate == 22_050)
        #expect(segment.audio.duration > 1.0 && segment.audio.duration < 3.5)
        let words = segment.timeline.words.map { $0.text.lowercased() }
        #expect(words == ["bob", "met", "fred", "in", "the", "park."])
        let phones = segment.timeline.phones
        #expect(phones.first(where: { $0.phone != .silence })?.phone == .b)
        #expect(phones.contains { $0.phone == .f })
        for (a, b) in zip(phones, phones.dropFirst()) { #expect(a.end <= b.start + 1e-9) }
        #expect((phones.last?.end ?? 0) <= segment.audio.duration + 1e-6)
        // Audio is loud where phones are voiced and quiet where the timeline says silence.
        let bob = segment.timeline.words[0]
        #expect(rms(segment.audio, from: bob.start, to: bob.end) > 0.02)
    }

    @Test("a faster rate makes shorter speech")
    func rate() throws {
        let slow = try EspeakSynthesizer(configuration: EspeakConfiguration(wordsPerMinute: 120)).synthesize("The quick brown fox jumps.")
        let fast = try EspeakSynthesizer(configuration: EspeakConfiguration(wordsPerMinute: 300)).synthesize("The quick brown fox jumps.")
        #expect(fast.audio.duration < slow.audio.duration * 0.7)
    }

    @Test("an unknown voice is a clear error")
    func unknownVoice() {
        let error = #expect(throws: OratorError.self) {
            try EspeakSynthesizer(configuration: EspeakConfiguration(voice: "xx-nope"))
        }
        #expect(error?.message.contains("xx-nope") == true)
    }

    @Test("installed voices include American English")
    func voices() throws {
        let voices = try EspeakSynthesizer.installedVoices()
        #expect(voices.contains { $0.identifier == "en-us" })
    }

    @Test("IPA names map onto ARPAbet phones")
    func ipaMap() {
        #expect(IPAPhoneMap.phone(for: "b") == .b)
        #expect(IPAPhoneMap.phone(for: "ˈaɪ") == .ay)
        #expect(IPAPhoneMap.phone(for: "uː") == .uw)
        #expect(IPAPhoneMap.phone(for: "tʃ") == .ch)
        #expect(IPAPhoneMap.phone(for: "_:") == .silence)
    }

    func rms(_ audio: PCMBuffer, from: Double, to: Double) -> Double {
        let lower = Int(from * Double(audio.sampleRate)), upper = min(audio.samples.count, Int(to * Double(audio.sampleRate)))
        guard upper > lower else { return 0 }
        let sum = audio.samples[lower..<upper].reduce(0.0) { $0 + Double($1 * $1) }
        return (sum / Double(upper - lower)).squareRoot()
    }
}
