import Foundation
import OratorCore
import OratorMotion

/// How phones are found when there is no transcript.
public enum PhoneRecognizerKind: String, Sendable, Codable, CaseIterable {
    /// PocketSphinx for English voices, the acoustic estimate for other languages.
    case automatic
    /// PocketSphinx phone recognition (English acoustic model).
    case pocketsphinx
    /// Mouth openness and rounding from the sound itself; works for any language.
    case acoustic
}

/// Settings for lip sync from a recording.
public struct LipSyncConfiguration: Sendable, Codable, Equatable {
    /// The espeak-ng voice that speaks the transcript for alignment; pick the recording's
    /// language (`en-us`, `de`, `fr`, ...). An `en` voice also selects PocketSphinx below.
    public var voice: String
    /// How to find phones without a transcript (and, with `recognizeWords`, where no words were
    /// recognized). `acoustic` also turns word recognition off.
    public var recognizer: PhoneRecognizerKind
    /// Without a transcript, recognize the words (PocketSphinx, English voices) and align them
    /// like a transcript (`--transcript auto`, the default); false recognizes phones only
    /// (`--transcript none`).
    public var recognizeWords: Bool
    /// Re-speak the transcript at the recording's speaking rate before aligning (sharper timing).
    public var matchSpeakingRate: Bool
    /// Mouth timing rules shared with every other lip-sync path.
    public var rules: LipSyncRules
    /// Which extended shapes (G, H, X) may appear; others become B, C and A as in Rhubarb.
    public var extendedShapes: Set<MouthShape>
    /// PocketSphinx acoustic model folder (Debian `pocketsphinx-en-us`).
    public var acousticModelPath: String
    /// PocketSphinx phone language model (Debian `pocketsphinx-en-us`).
    public var phoneModelPath: String
    /// PocketSphinx word language model (Debian `pocketsphinx-en-us`).
    public var languageModelPath: String
    /// PocketSphinx pronouncing dictionary, the CMU dictionary (Debian `pocketsphinx-en-us`).
    public var dictionaryPath: String
    /// Word decoders run side by side on a long recording (each takes one core and about 40 MB).
    public var wordDecoders: Int
    /// Alignment cost (see `LipSyncResult.alignmentCost`) above which the transcript is reported
    /// as probably not matching the audio. On the librivox clips matching transcripts measure
    /// 0.58-0.67 and other clips' transcripts 0.70-0.87.
    public var mismatchCost: Double

    public init(voice: String = "en-us", recognizer: PhoneRecognizerKind = .automatic, recognizeWords: Bool = true,
                matchSpeakingRate: Bool = true, rules: LipSyncRules = LipSyncRules(), extendedShapes: Set<MouthShape> = [.g, .h, .x],
                acousticModelPath: String = "/usr/share/pocketsphinx/model/en-us/en-us",
                phoneModelPath: String = "/usr/share/pocketsphinx/model/en-us/en-us-phone.lm.bin",
                languageModelPath: String = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin",
                dictionaryPath: String = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict",
                wordDecoders: Int = min(2, ProcessInfo.processInfo.activeProcessorCount),
                mismatchCost: Double = 0.7) {
        self.voice = voice
        self.recognizer = recognizer
        self.recognizeWords = recognizeWords
        self.languageModelPath = languageModelPath
        self.dictionaryPath = dictionaryPath
        self.wordDecoders = max(1, wordDecoders)
        self.matchSpeakingRate = matchSpeakingRate
        self.rules = rules
        self.extendedShapes = extendedShapes
        self.acousticModelPath = acousticModelPath
        self.phoneModelPath = phoneModelPath
        self.mismatchCost = mismatchCost
    }

    /// The recognizer actually used for `recognizer == .automatic`.
    var resolvedRecognizer: PhoneRecognizerKind {
        guard recognizer == .automatic else { return recognizer }
        return isEnglish ? .pocketsphinx : .acoustic
    }

    /// True if words are recognized when there is no transcript: asked for, an English voice
    /// (the only language PocketSphinx's Debian models cover), and not the acoustic recognizer.
    public var usesWordRecognition: Bool { recognizeWords && isEnglish && recognizer != .acoustic }

    private var isEnglish: Bool { voice.lowercased().hasPrefix("en") }
}

/// How a lip-sync track was made.
public enum LipSyncMethod: String, Sendable, Codable {
    /// The transcript was aligned to the recording.
    case forcedAlignment = "forced-alignment"
    /// Words were recognized with PocketSphinx and aligned like a transcript.
    case wordRecognition = "word-recognition"
    /// Phones were recognized with PocketSphinx.
    case phoneRecognition = "phone-recognition"
    /// Mouth shapes were estimated from the sound (any language).
    case acousticEstimate = "acoustic-estimate"
}

/// What lip sync found in a recording.
public struct LipSyncResult: Sendable {
    /// Phones and words with their times; silence where the recording has no speech.
    public var timeline: SpeechTimeline
    /// Mouth shapes covering the whole recording.
    public var cues: [MouthCue]
    /// Things the user should know (no speech found, transcript probably wrong, ...).
    public var warnings: [String]
    /// How the phones were found.
    public var method: LipSyncMethod
    /// Forced alignment only: the mean cepstral distance along the warp path divided by the mean
    /// distance of frames paired at random, so about 0.3 for a near-perfect match and close to 1
    /// for unrelated text; see `LipSyncConfiguration.mismatchCost`.
    public var alignmentCost: Double?
    /// Where the recording has speech, 100 frames per second.
    public var voiceActivity: VoiceActivity
    /// Word recognition only: the words PocketSphinx heard, with its times and confidences
    /// (`timeline.words` holds the same words as aligned).
    public var recognizedWords: [RecognizedWord] = []

    /// Length of the recording in seconds.
    public var duration: Double { timeline.duration }
}
