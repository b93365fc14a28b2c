import Foundation
import OratorCore
import OratorLipSync

/// Phone and word timings for neural speech, which comes without them: each sentence's audio is
/// aligned to its own text by Orator's forced aligner (libespeak-ng speaks the text with exact
/// phone timings, dynamic time warping carries them onto the neural audio, and phones are kept
/// out of the pauses the audio actually has). The phones are ARPAbet, so the same mouth-shape
/// rules apply as for espeak-ng speech.
struct NeuralSpeechAligner: Sendable {
    private let engine: LipSyncEngine

    /// `espeakVoice` speaks the transcript for alignment: the voice's own espeak-ng language.
    init(espeakVoice: String) throws(OratorError) {
        // The acoustic recognizer is never used here (there is always a transcript); choosing it
        // spares the PocketSphinx model check.
        engine = try LipSyncEngine(configuration: LipSyncConfiguration(voice: espeakVoice, recognizer: .acoustic))
    }

    /// The timeline of `text` in `audio`, times from the start of `audio`.
    func align(_ text: String, in audio: PCMBuffer) throws(OratorError) -> SpeechTimeline {
        var timeline = try engine.analyze(audio: audio, transcript: text).timeline
        timeline.duration = audio.duration
        return timeline
    }
}
