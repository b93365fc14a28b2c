import Foundation
import OratorCore
import OratorSpeech

/// A natural neural voice: a Piper VITS model run by sherpa-onnx on the CPU.
///
/// Text is phonemized by libespeak-ng (the phonemes Piper voices were trained on) and spoken one
/// sentence at a time, so memory is bounded by the longest sentence. The model gives no phone
/// durations; each sentence's timeline comes from aligning its audio to its text
/// (`NeuralSpeechAligner`), with the same ARPAbet phones espeak-ng speech has.
public struct PiperSynthesizer: SpeechSynthesizing {
    public let configuration: PiperConfiguration
    /// The voice being spoken.
    public let voice: PiperVoice
    private let engine: SherpaTextToSpeech
    private let aligner: NeuralSpeechAligner
    /// The model's phoneme symbols (Unicode scalar values); other phonemes are left out.
    private let symbols: Set<UInt32>

    /// Loads the voice: checks its files and model, converts it into the cache on first use,
    /// and starts sherpa-onnx (about 2 s for a medium voice).
    public init(configuration: PiperConfiguration) throws(OratorError) {
        try self.init(configuration: configuration, cache: NeuralVoiceCache())
    }

    init(configuration: PiperConfiguration, cache: NeuralVoiceCache) throws(OratorError) {
        try configuration.validate()
        let voice = try PiperVoice(modelPath: configuration.modelPath)
        if let language = configuration.language, !voice.speaks(language) {
            throw OratorError(.invalidInput, "voice \(voice.name) speaks \(voice.language), not \(language): pick a \(language) voice (see `orator voices`)")
        }
        let speakers = max(1, voice.config.numSpeakers ?? 1)
        guard configuration.speaker < speakers else {
            throw OratorError(.invalidInput, "voice \(voice.name) has \(speakers) speaker(s): speaker \(configuration.speaker) does not exist")
        }
        let prepared = try cache.prepare(voice, seed: configuration.seed)
        // Check the converted model too: sherpa-onnx exits the process on a bad one, and aborts
        // on a model whose inputs are not a Piper VITS model's.
        let model = try OnnxModelFile(url: prepared.modelURL)
        try model.requirePiperInputs(voicePath: voice.modelURL.path)
        for key in ["sample_rate", "n_speakers", "language", "comment"] where model.metadata[key] == nil {
            throw OratorError(.invalidInput, "the prepared voice model \(prepared.modelURL.path) lacks '\(key)': delete \(cache.root.path) and try again")
        }
        let inference = voice.config.inference
        engine = try SherpaTextToSpeech(SherpaVitsSettings(
            modelPath: prepared.modelURL.path, tokensPath: prepared.tokensURL.path, threads: configuration.speechThreads,
            noiseScale: Float(configuration.noiseScale ?? inference?.noiseScale ?? 0.667),
            noiseScaleW: Float(configuration.noiseScaleW ?? inference?.noiseW ?? 0.8),
            lengthScale: Float((inference?.lengthScale ?? 1) * configuration.lengthScale)))
        guard engine.sampleRate == voice.config.audio.sampleRate else {
            throw OratorError(.invalidInput, "\(voice.modelURL.path) speaks at \(engine.sampleRate) Hz but its config says \(voice.config.audio.sampleRate) Hz")
        }
        aligner = try NeuralSpeechAligner(espeakVoice: voice.config.espeak.voice)
        symbols = Set(voice.config.phonemeIDMap.keys.compactMap { $0.unicodeScalars.first?.value })
        self.configuration = configuration
        self.voice = voice
    }

    public var sampleRate: Int { engine.sampleRate }

    public var engineDescription: String {
        let seed = configuration.seed.map { "seed \($0)" } ?? "unseeded"
        return String(format: "piper %@ (%@, %d Hz) via sherpa-onnx, %d thread(s), length scale %.2f, %@",
                      voice.name, voice.language, sampleRate, configuration.speechThreads, configuration.lengthScale, seed)
    }

    public func synthesize(_ text: String) throws(OratorError) -> SpeechSegment {
        try speak(text, reporting: false, spokenSoFar: { _ in })
    }

    public func synthesize(_ text: String, spokenSoFar: (SpeechTimeline) -> Void) throws(OratorError) -> SpeechSegment {
        try speak(text, reporting: true, spokenSoFar: spokenSoFar)
    }

    /// `reporting` false: nobody listens, so no timeline is copied per sentence.
    private func speak(_ text: String, reporting: Bool, spokenSoFar: (SpeechTimeline) -> Void) throws(OratorError) -> SpeechSegment {
        var audio = PCMBuffer(sampleRate: sampleRate)
        var timeline = SpeechTimeline()
        try forEachSentence(text) { (sentence: SpeechSegment) throws(OratorError) in
            if !audio.samples.isEmpty, configuration.sentenceSilence > 0 {
                let pause = PCMBuffer.silence(seconds: configuration.sentenceSilence, sampleRate: sampleRate)
                timeline.phones.append(TimedPhone(phone: .silence, start: audio.duration, end: audio.duration + pause.duration))
                audio.samples += pause.samples
            }
            timeline.append(sentence.timeline, at: audio.duration)
            audio.samples += sentence.audio.samples
            timeline.duration = audio.duration
            if reporting {
                var soFar = timeline
                soFar.phones = Self.mergingSilences(soFar.phones)
                spokenSoFar(soFar)
            }
        }
        timeline.phones = Self.mergingSilences(timeline.phones)
        return SpeechSegment(audio: audio, timeline: timeline)
    }

    /// Speaks `text` one sentence at a time, handing each sentence's audio and aligned timeline
    /// (times from the sentence's start) to `body` as soon as it is ready, so a caller can stream
    /// long text. `synthesize` joins them with `sentenceSilence` between.
    public func forEachSentence(_ text: String, _ body: (SpeechSegment) throws(OratorError) -> Void) throws(OratorError) {
        for sentence in try EspeakPhonemizer.sentences(text, voice: voice.config.espeak.voice) {
            guard let audio = try speak(sentence) else { continue }
            let aligned = try aligner.align(sentence.text, in: audio)
            try body(SpeechSegment(audio: audio, timeline: aligned))
        }
    }

    /// The audio of each sentence of `text`, without timing (what `synthesize` aligns).
    public func speakSentences(_ text: String) throws(OratorError) -> [SpokenSentence] {
        var result: [SpokenSentence] = []
        for sentence in try EspeakPhonemizer.sentences(text, voice: voice.config.espeak.voice) {
            if let audio = try speak(sentence) { result.append(SpokenSentence(text: sentence.text, audio: audio)) }
        }
        return result
    }

    /// One sentence's audio, or nil if none of its phonemes is one the voice knows.
    private func speak(_ sentence: PhonemizedSentence) throws(OratorError) -> PCMBuffer? {
        let codepoints = sentence.phonemes.unicodeScalars.compactMap { symbols.contains($0.value) ? Int32($0.value) : nil }
        let samples = try engine.speak(phonemes: codepoints, speaker: configuration.speaker)
        return samples.isEmpty ? nil : PCMBuffer(sampleRate: sampleRate, samples: samples)
    }

    /// Joins silences that touch (a sentence's trailing pause, the pause between sentences and
    /// the next sentence's leading pause) into one.
    static func mergingSilences(_ phones: [TimedPhone]) -> [TimedPhone] {
        var merged: [TimedPhone] = []
        for phone in phones {
            if phone.phone == .silence, let last = merged.last, last.phone == .silence, phone.start <= last.end + 1e-6 {
                merged[merged.count - 1].end = max(last.end, phone.end)
            } else {
                merged.append(phone)
            }
        }
        return merged
    }
}

/// One sentence of text and the neural voice's audio for it.
public struct SpokenSentence: Sendable {
    /// The sentence as written.
    public var text: String
    /// Its audio, at the voice's sample rate.
    public var audio: PCMBuffer
}
