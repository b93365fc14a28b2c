import Foundation
import OratorAudio
import OratorCore
import OratorMotion
import OratorSpeech

/// Lip sync from a recording: finds when each phone is spoken (by aligning a transcript, or by
/// recognizing phones without one), keeps the mouth at rest where there is no speech, and turns
/// the phones into mouth cues with the same rules as every other Orator lip-sync path.
///
/// The recording is decoded and analysed in chunks and never held whole; what is kept are
/// per-frame features and timings, about 2.5 MB per minute of audio (measured: 40 MB for 74 s,
/// 62 MB for 10 minutes with a transcript), while dynamic time warping works in fixed windows.
public struct LipSyncEngine: Sendable {
    public let configuration: LipSyncConfiguration

    /// Checks the settings: the transcript voice must exist, and PocketSphinx's model must be
    /// installed when it will be used.
    public init(configuration: LipSyncConfiguration = LipSyncConfiguration()) throws(OratorError) {
        _ = try EspeakSynthesizer(configuration: EspeakConfiguration(voice: configuration.voice))
        if configuration.resolvedRecognizer == .pocketsphinx {
            for path in [configuration.acousticModelPath, configuration.phoneModelPath]
            where !FileManager.default.fileExists(atPath: path) {
                throw OratorError(.fileNotFound, "PocketSphinx model not found: \(path) (install pocketsphinx-en-us, or use the acoustic recognizer)")
            }
        }
        self.configuration = configuration
    }

    /// Analyses an audio file in any format FFmpeg reads. `transcript` is what is said in it,
    /// if known; it gives much more accurate timing.
    public func analyze(audioURL: URL, transcript: String?) throws(OratorError) -> LipSyncResult {
        // 16-bit WAV at 16 to 48 kHz is read at its own rate (every stage works at any rate from
        // 16 kHz up); anything else is decoded by FFmpeg to 16 kHz.
        let decoder = try AudioDecoder(url: audioURL, sampleRate: 16_000, nativeWAVRates: 16_000...48_000)
        var analysis = try RecordingAnalysis(sampleRate: decoder.sampleRate, recognize: needsRecognizer(transcript), configuration: configuration)
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
        var analysis = try RecordingAnalysis(sampleRate: audio.sampleRate, recognize: needsRecognizer(transcript), configuration: configuration)
        var start = 0
        while start < audio.samples.count {
            let end = min(audio.samples.count, start + 32_000)
            try analysis.consume(audio.samples[start..<end])
            start = end
        }
        return try finish(analysis, transcript: transcript, name: "the audio")
    }

    private func needsRecognizer(_ transcript: String?) -> Bool {
        usable(transcript) == nil && configuration.resolvedRecognizer == .pocketsphinx
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
            warnings.append("the transcript has no words; recognizing phones from the sound instead")
        }
        let method: LipSyncMethod
        var raw: SpeechTimeline
        var cost: Double?
        if let text = usable(transcript) {
            let aligner = ForcedAligner(voice: EspeakConfiguration(voice: configuration.voice), matchSpeakingRate: configuration.matchSpeakingRate)
            let alignment = try aligner.align(text, to: features, voiceActivity: voiceActivity)
            raw = alignment.timeline
            cost = alignment.cost
            method = .forcedAlignment
            if alignment.cost > configuration.mismatchCost {
                warnings.append(String(format: "the transcript may not match %@: alignment cost %.2f is above %.2f (matching speech scores lower)",
                                       name, alignment.cost, configuration.mismatchCost))
            }
        } else if let recognized {
            let estimate = AcousticMouthEstimator().timeline(from: features, voiceActivity: voiceActivity)
            let repaired = RecognitionRepair.repair(recognized, estimate: estimate, voiceActivity: voiceActivity)
            let phones = VowelFormantClassifier().relabel(repaired, features: features)
            raw = SpeechTimeline(phones: phones, duration: features.duration)
            method = .phoneRecognition
        } else {
            raw = AcousticMouthEstimator().timeline(from: features, voiceActivity: voiceActivity)
            method = .acousticEstimate
        }
        raw.duration = features.duration
        if voiceActivity.regions.isEmpty {
            warnings.append("no speech found in \(name): the mouth stays at rest")
        }
        let timeline = TimelineVoicing.apply(voiceActivity, to: raw)
        let cues = VisemeTrackBuilder(rules: configuration.rules, extendedShapes: configuration.extendedShapes).cues(for: timeline)
        return LipSyncResult(timeline: timeline, cues: cues, warnings: warnings, method: method,
                             alignmentCost: cost, voiceActivity: voiceActivity)
    }
}

/// The per-chunk work on a recording: features always, PocketSphinx when phones must be recognized.
private struct RecordingAnalysis {
    private var extractor: FeatureExtractor
    private var recognizer: UtteranceRecognizer?

    init(sampleRate: Int, recognize: Bool, configuration: LipSyncConfiguration) throws(OratorError) {
        // Formants re-decide the recognized vowels; the other paths do not use them.
        extractor = FeatureExtractor(sampleRate: sampleRate, formants: recognize)
        if recognize {
            let decoder = try PocketSphinxDecoder(modelDirectory: configuration.acousticModelPath,
                                                  phoneModel: configuration.phoneModelPath, sampleRate: sampleRate,
                                                  settings: PocketSphinxDecoder.fastSettings)
            recognizer = UtteranceRecognizer(decoder: decoder)
        }
    }

    mutating func consume(_ chunk: ArraySlice<Float>) throws(OratorError) {
        extractor.consume(chunk)
        try recognizer?.consume(chunk)
    }

    mutating func finish() throws(OratorError) -> (AcousticFeatures, [TimedPhone]?) {
        (extractor.finish(), try recognizer?.finish())
    }
}
