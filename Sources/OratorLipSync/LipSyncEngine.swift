import Foundation
import OratorAudio
import OratorCore
import OratorMotion
import OratorSpeech

/// Lip sync from a recording: finds when each phone is spoken (by aligning a transcript, or
/// without one by aligning the words PocketSphinx recognizes, or by recognizing phones), keeps
/// the mouth at rest where there is no speech, and turns the phones into mouth cues with the
/// same rules as every other Orator lip-sync path.
///
/// The recording is decoded and analysed in chunks and never held whole; what is kept are
/// per-frame features and timings, while dynamic time warping works in fixed windows. Measured:
/// with a transcript about 2.5 MB per minute of audio (40 MB for 74 s, 62 MB for 10 minutes);
/// with recognized words, aligned phrase by phrase, about 260 MB for the two word decoders and
/// 1 MB per minute (265 MB for 1 minute, 327 MB for an hour).
public struct LipSyncEngine: Sendable {
    public let configuration: LipSyncConfiguration

    /// Checks the settings: the transcript voice must exist, and PocketSphinx's model must be
    /// installed when it will be used.
    public init(configuration: LipSyncConfiguration = LipSyncConfiguration()) throws(OratorError) {
        _ = try EspeakSynthesizer(configuration: EspeakConfiguration(voice: configuration.voice))
        var models: [String] = []
        if configuration.resolvedRecognizer == .pocketsphinx { models += [configuration.acousticModelPath, configuration.phoneModelPath] }
        if configuration.usesWordRecognition { models += [configuration.acousticModelPath, configuration.languageModelPath, configuration.dictionaryPath] }
        for path in models where !FileManager.default.fileExists(atPath: path) {
            throw OratorError(.fileNotFound, "PocketSphinx model not found: \(path) (install pocketsphinx-en-us, or use the acoustic recognizer)")
        }
        self.configuration = configuration
    }

    /// Analyses an audio file in any format FFmpeg reads. `transcript` is what is said in it,
    /// if known; it gives much more accurate timing.
    public func analyze(audioURL: URL, transcript: String?) throws(OratorError) -> LipSyncResult {
        // 16-bit WAV at 16 to 48 kHz is read at its own rate (every stage works at any rate from
        // 16 kHz up); anything else is decoded by FFmpeg to 16 kHz.
        let decoder = try AudioDecoder(url: audioURL, sampleRate: 16_000, nativeWAVRates: 16_000...48_000)
        var analysis = try RecordingAnalysis(sampleRate: decoder.sampleRate, recognition: recognition(for: transcript), configuration: configuration)
        while true {
            let chunk = try decoder.read(frames: 32_000)
            if chunk.isEmpty { break }
            try analysis.consume(chunk[...])
        }
        return try finish(analysis, transcript: transcript, name: audioURL.path)
    }

    /// Analyses audio already in memory (8 kHz or more).
    public func analyze(audio: PCMBuffer, transcript: String?) throws(OratorError) -> LipSyncResult {
        guard audio.sampleRate >= 8_000 else {
            throw OratorError(.invalidInput, "audio at \(audio.sampleRate) Hz is too coarse for lip sync: use 8 kHz or more")
        }
        guard !audio.samples.isEmpty else { throw OratorError(.invalidInput, "the audio to lip-sync is empty") }
        var analysis = try RecordingAnalysis(sampleRate: audio.sampleRate, recognition: recognition(for: transcript), configuration: configuration)
        var start = 0
        while start < audio.samples.count {
            let end = min(audio.samples.count, start + 32_000)
            try analysis.consume(audio.samples[start..<end])
            start = end
        }
        return try finish(analysis, transcript: transcript, name: "the audio")
    }

    /// What PocketSphinx must recognize for this transcript (nothing when it is usable).
    private func recognition(for transcript: String?) -> RecordingAnalysis.Recognition {
        guard usable(transcript) == nil else { return .none }
        if configuration.usesWordRecognition { return .words }
        return configuration.resolvedRecognizer == .pocketsphinx ? .phones : .none
    }

    private func usable(_ transcript: String?) -> String? {
        guard let text = transcript?.trimmingCharacters(in: .whitespacesAndNewlines), text.contains(where: \.isLetter) else { return nil }
        return text
    }

    private func finish(_ analysis: RecordingAnalysis, transcript: String?, name: String) throws(OratorError) -> LipSyncResult {
        var analysis = analysis
        let (features, recognized) = try analysis.finish()
        let voiceActivity = VoiceActivityDetector().detect(features)
        var warnings: [String] = []
        if transcript != nil, usable(transcript) == nil {
            warnings.append("the transcript has no words; recognizing them from the sound instead")
        }
        if usable(transcript) == nil, configuration.recognizeWords, !configuration.usesWordRecognition, configuration.recognizer != .acoustic {
            warnings.append("word recognition covers English only (PocketSphinx's en-us model); for voice \(configuration.voice) the mouth follows "
                            + "the acoustic estimate: give a transcript for exact timing")
        }
        let method: LipSyncMethod
        var raw: SpeechTimeline
        var cost: Double?
        var heard: [RecognizedWord] = []
        let words = recognized.compactMap(\.word)
        if let text = usable(transcript) {
            let alignment = try aligner.align(text, to: features, voiceActivity: voiceActivity)
            raw = alignment.timeline
            cost = alignment.cost
            method = .forcedAlignment
            if alignment.cost > configuration.mismatchCost {
                warnings.append(String(format: "the transcript may not match %@: alignment cost %.2f is above %.2f (matching speech scores lower)",
                                       name, alignment.cost, configuration.mismatchCost))
            }
        } else if analysis.recognition == .words, !words.isEmpty {
            raw = try PhraseAligner(aligner: aligner).align(words, to: features, voiceActivity: voiceActivity)
            // Speech where no word was heard (a cough, a word PocketSphinx missed) takes the acoustic
            // estimate, as holes in recognized phones do (open/closed agreement on the synthesized
            // voices 83.1 -> 85.2%, no change on the librivox clips).
            let estimate = AcousticMouthEstimator().timeline(from: features, voiceActivity: voiceActivity)
            raw.phones = RecognitionRepair.repair(TimelineVoicing.withSilences(raw.phones, duration: features.duration),
                                                  estimate: estimate, voiceActivity: voiceActivity)
            // The words as heard, at PocketSphinx's times: espeak-ng may split or respell them.
            raw.words = words.map { TimedWord(text: $0.text, start: $0.start, end: $0.end) }
            heard = words
            method = .wordRecognition
        } else if analysis.recognition == .phones {
            let phones = recognized.map { TimedPhone(phone: Phone(arpabet: $0.symbol) ?? .silence, start: $0.start, end: $0.end, symbol: $0.symbol) }
            let estimate = AcousticMouthEstimator().timeline(from: features, voiceActivity: voiceActivity)
            let repaired = RecognitionRepair.repair(phones, estimate: estimate, voiceActivity: voiceActivity)
            raw = SpeechTimeline(phones: VowelFormantClassifier().relabel(repaired, features: features), duration: features.duration)
            method = .phoneRecognition
        } else {
            if analysis.recognition == .words, !voiceActivity.regions.isEmpty {
                warnings.append("no words recognized in \(name): the mouth follows the acoustic estimate")
            }
            raw = AcousticMouthEstimator().timeline(from: features, voiceActivity: voiceActivity)
            method = .acousticEstimate
        }
        raw.duration = features.duration
        if voiceActivity.regions.isEmpty {
            warnings.append("no speech found in \(name): the mouth stays at rest")
        }
        let timeline = TimelineVoicing.apply(voiceActivity, to: raw)
        let cues = VisemeTrackBuilder(rules: configuration.rules, extendedShapes: configuration.extendedShapes).cues(for: timeline)
        var result = LipSyncResult(timeline: timeline, cues: cues, warnings: warnings, method: method,
                                   alignmentCost: cost, voiceActivity: voiceActivity)
        result.recognizedWords = heard
        return result
    }

    private var aligner: ForcedAligner {
        ForcedAligner(voice: EspeakConfiguration(voice: configuration.voice), matchSpeakingRate: configuration.matchSpeakingRate)
    }

}

/// The per-chunk work on a recording: features always, PocketSphinx when phones or words must
/// be recognized.
private struct RecordingAnalysis {
    enum Recognition { case none, phones, words }

    let recognition: Recognition
    private var extractor: FeatureExtractor
    private var recognizer: UtteranceRecognizer?

    init(sampleRate: Int, recognition: Recognition, configuration: LipSyncConfiguration) throws(OratorError) {
        self.recognition = recognition
        // Formants re-decide the recognized vowels; the other paths do not use them.
        extractor = FeatureExtractor(sampleRate: sampleRate, formants: recognition == .phones)
        let model = configuration.acousticModelPath
        switch recognition {
        case .none:
            recognizer = nil
        case .phones:
            recognizer = try UtteranceRecognizer { () throws(OratorError) in
                try PocketSphinxDecoder(modelDirectory: model, search: .phones(languageModel: configuration.phoneModelPath),
                                        sampleRate: sampleRate, settings: PocketSphinxDecoder.fastSettings)
            }
        case .words:
            let dictionary = RecognitionDictionary().path(dictionary: configuration.dictionaryPath, languageModel: configuration.languageModelPath)
            let search = PocketSphinxDecoder.Search.words(languageModel: configuration.languageModelPath, dictionary: dictionary)
            recognizer = try UtteranceRecognizer(parallel: configuration.wordDecoders, ditherOnlySilence: true) { () throws(OratorError) in
                try PocketSphinxDecoder(modelDirectory: model, search: search, sampleRate: sampleRate, settings: PocketSphinxDecoder.wordSettings)
            }
        }
    }

    mutating func consume(_ chunk: ArraySlice<Float>) throws(OratorError) {
        extractor.consume(chunk)
        try recognizer?.consume(chunk)
    }

    mutating func finish() throws(OratorError) -> (AcousticFeatures, [PocketSphinxDecoder.Segment]) {
        (extractor.finish(), try recognizer?.finish() ?? [])
    }
}
