import Foundation
import OratorCore
import Testing
@testable import OratorNeuralSpeech

@Suite("Piper voice through sherpa-onnx")
struct PiperSynthesizerTests {
    static let sentence = "The quick brown fox jumps over the lazy dog."

    @Test("joe speaks a known sentence as speech-like audio")
    func speaksSentence() throws {
        let joe = try JoeVoice.shared.get()
        let segment = try joe.synthesize(Self.sentence)
        let audio = segment.audio
        #expect(audio.sampleRate == 22_050)
        // Nine words at 1.5 to 5 words per second.
        #expect((1.8...6.0).contains(audio.duration), "duration \(audio.duration) s")
        let rms = AudioMeasure.rmsDB(audio.samples)
        #expect(rms > -35, "RMS \(rms) dBFS: too quiet for speech")
        let peak = audio.samples.map(abs).max() ?? 0
        #expect(peak < 0.99, "peak \(peak): clipped")
        #expect(peak > 0.05, "peak \(peak): silent")
        // Speech has pauses and loud syllables: a wide spread of frame levels.
        let levels = AudioMeasure.frameLevels(audio).sorted()
        let spread = levels[levels.count * 95 / 100] - levels[levels.count * 10 / 100]
        #expect(spread > 25, "frame level spread \(spread) dB: not speech-like")
        #expect(segment.timeline.words.map(\.bare) == ["The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"])
    }

    @Test("the aligned timeline has ARPAbet phones, vowels on the loud audio, none in pauses")
    func timelineInsideSpeech() throws {
        // Its own seeded voice: the shared one's noise depends on what the tests running beside
        // it spoke first, which sometimes put a vowel on audio just under the bar.
        let joe = try JoeVoice.synthesizer(PiperConfiguration(modelPath: try JoeVoice.modelPath(), seed: 1))
        let segment = try joe.synthesize("Peter Piper picked a peck of pickled peppers. Bob met Mary at the museum.")
        let timeline = segment.timeline
        let levels = AudioMeasure.frameLevels(segment.audio)
        let loud = levels.sorted()[levels.count * 99 / 100]
        let spoken = timeline.phones.filter { $0.phone != .silence }
        #expect(spoken.count >= 40)
        #expect(spoken.filter { $0.phone == .p }.count >= 6, "the p's of Peter Piper (the first may fall in the silence before speech)")
        #expect(spoken.contains { $0.phone == .m } && spoken.contains { $0.phone == .b })
        // Every vowel lies on loud audio (a stop's closure is silent by nature, so only vowels).
        let vowels = spoken.filter(\.phone.isVowel)
        #expect(vowels.count >= 15)
        for vowel in vowels {
            let frames = Int(vowel.start * 100)..<max(Int(vowel.start * 100) + 1, Int(vowel.end * 100))
            let level = frames.compactMap { levels.indices.contains($0) ? levels[$0] : nil }.max() ?? -200
            #expect(level > loud - 25, "\(vowel.phone) at \(vowel.start)...\(vowel.end) s lies in audio at \(level) dB, loud is \(loud) dB")
        }
        // Silence where the audio is silent: the pause between the sentences is not spoken.
        let pause = timeline.words[7].end..<timeline.words[8].start
        #expect(pause.upperBound - pause.lowerBound >= 0.15, "pause between sentences \(pause)")
        #expect(!spoken.contains { $0.start < pause.upperBound - 0.05 && $0.end > pause.lowerBound + 0.05 })
        // Ordered, inside the audio, and covering it.
        #expect(zip(timeline.phones, timeline.phones.dropFirst()).allSatisfy { $0.end <= $1.start + 1e-6 })
        #expect(abs(timeline.duration - segment.audio.duration) < 1e-6)
        #expect((timeline.phones.last?.end ?? 0) <= segment.audio.duration + 1e-6)
        #expect(!zip(timeline.phones, timeline.phones.dropFirst()).contains { $0.phone == .silence && $1.phone == .silence })
    }

    @Test("a fixed seed gives the same audio in a fresh engine; another seed differs")
    func seedIsDeterministic() throws {
        let path = try JoeVoice.modelPath()
        let first = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, speechThreads: 1, seed: 5))
        let second = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, speechThreads: 2, seed: 5))
        let other = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, speechThreads: 1, seed: 6))
        let a = try first.speakSentences(Self.sentence).map(\.audio.samples)
        let b = try second.speakSentences(Self.sentence).map(\.audio.samples)
        let c = try other.speakSentences(Self.sentence).map(\.audio.samples)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("a larger length scale speaks more slowly")
    func lengthScaleSlows() throws {
        let path = try JoeVoice.modelPath()
        let normal = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, seed: 3))
        let slow = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, lengthScale: 1.4, seed: 3))
        let ratio = try slow.synthesize(Self.sentence).audio.duration / normal.synthesize(Self.sentence).audio.duration
        #expect((1.2...1.6).contains(ratio), "duration ratio \(ratio)")
    }

    @Test("sentences are spoken one by one with a pause between")
    func sentencesWithPauses() throws {
        let joe = try JoeVoice.shared.get()
        var sentences: [SpeechSegment] = []
        try joe.forEachSentence("Hello there. How are you today? Fine, thanks!") { sentences.append($0) }
        #expect(sentences.count == 3)
        #expect(sentences.map { $0.timeline.words.first?.bare } == ["Hello", "How", "Fine"])
        let whole = try joe.synthesize("Hello there. How are you today? Fine, thanks!")
        let parts = sentences.reduce(0) { $0 + $1.audio.duration }
        // Two pauses of `sentenceSilence`; the audio itself varies from call to call.
        #expect(whole.audio.duration > parts * 0.8 + 0.4 && whole.audio.duration < parts * 1.2 + 0.4)
    }

    @Test("text without words gives empty speech")
    func emptyText() throws {
        let segment = try JoeVoice.shared.get().synthesize("   ")
        #expect(segment.audio.samples.isEmpty)
        #expect(segment.timeline.phones.isEmpty)
    }
}

extension TimedWord {
    /// The word without the punctuation captions keep on it.
    var bare: String { text.trimmingCharacters(in: .punctuationCharacters) }
}
