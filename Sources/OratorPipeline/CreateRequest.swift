import Foundation
import OratorCore
import OratorMotion
import OratorSpeech
import OratorVideo

/// Where the speech comes from.
public enum SpeechSource: Sendable, Equatable {
    /// A script spoken by a voice.
    case script(URL)
    /// A recording, with its transcript if there is one (lip sync by alignment or recognition).
    case recording(URL, transcript: URL?)

    /// The input file, for messages.
    public var file: URL {
        switch self {
        case let .script(url), let .recording(url, _): url
        }
    }
}

/// Everything `orator create` or `orator animate` needs to make a video.
public struct CreateRequest: Sendable {
    /// The script or the recording.
    public var speech: SpeechSource
    /// The MP4 to write.
    public var output: URL
    /// Who speaks.
    public var avatar: AvatarSource
    /// The voice's settings (for a recording: its language).
    public var voice: EspeakConfiguration
    /// Per-speaker voices and avatars from the configuration file (the script's front matter
    /// takes precedence).
    public var speakers: [String: OratorConfiguration.Speaker] = [:]
    /// Frame size.
    public var size: FrameSize
    /// Frame rate, blinks, head motion, expression.
    public var motion: MotionConfiguration
    /// Frames rendered in parallel.
    public var jobs: Int
    /// Threads for neural speech engines.
    public var speechThreads = 1
    /// Podcast-production settings (music, loudness, captions, layout, visualization).
    public var episode = EpisodeOptions()
    /// Which video encoder to use.
    public var encoder: EncoderChoice
    /// The encoder's quality level (its preset and CRF).
    public var quality = JobDefaults.quality
    /// Frames per render chunk (the unit of caching and of resuming an interrupted run).
    public var framesPerChunk: Int
    /// A script spoken by a neural voice: draw the frames while the speech is still being spoken
    /// (`SpeechRenderOverlap`). Off by default: on two cores the voice already keeps both busy,
    /// so it measured no faster (BENCHMARKS.md); it pays where the machine has cores to spare.
    public var rendersBesideSpeech = false
    /// With `rendersBesideSpeech`, whether a thread really draws beside the speech (false: the
    /// same stages one after the other, what the overlapped run must match byte for byte).
    var drawsWhileSpeaking = true
    /// Files the caller reads besides the request's own (a configuration file): no output may be one of them.
    public var otherInputs: [URL] = []
    /// A recording without a transcript: recognize its words and align them (true, `--transcript
    /// auto`), or recognize phones only (false, `--transcript none`).
    public var recognizeWords = true
    /// A recording's expressions (`animate --expressions`, `ExpressionFile`).
    public var expressions: URL?
    /// Videos whose tracked head pose and blinks drive the face (`--ref-pose`, `--ref-eyeblink`).
    public var referencePose: URL?
    public var referenceBlinks: URL?
    /// Files the caller writes besides the video (a run report): checked with the run's outputs.
    public var otherOutputs: [URL] = []

    /// A request from resolved settings (`SettingsResolver`).
    public init(speech: SpeechSource, output: URL, settings: ResolvedSettings) {
        self.init(speech: speech, output: output, avatar: settings.avatar, voice: settings.speech, size: settings.size,
                  motion: settings.motion, jobs: settings.jobs, encoder: settings.encoder)
        speechThreads = settings.speechThreads
        quality = settings.quality
        speakers = settings.speakers
    }

    public init(speech: SpeechSource, output: URL, avatar: AvatarSource = .builtin, voice: EspeakConfiguration = EspeakConfiguration(),
                size: FrameSize = FrameSize(square: 512), motion: MotionConfiguration = MotionConfiguration(),
                jobs: Int = JobDefaults.jobs, encoder: EncoderChoice = JobDefaults.encoder, framesPerChunk: Int = JobDefaults.framesPerChunk) {
        self.speech = speech
        self.output = output
        self.avatar = avatar
        self.voice = voice
        self.size = size
        self.motion = motion
        self.jobs = jobs
        self.encoder = encoder
        self.framesPerChunk = max(1, framesPerChunk)
    }
}

/// What a finished run produced and where the time went.
public struct RunSummary: Sendable, Encodable {
    /// The file written.
    public var output: String
    /// Length of the video, seconds.
    public var videoSeconds: Double
    /// Frames encoded.
    public var frames: Int
    /// Whole run, seconds.
    public var wallSeconds: Double
    /// Per-stage cost, cache use and engine.
    public var stages: [StageRecord]
    /// Doubts found on the way (a transcript that does not match the recording, ...).
    public var warnings: [String] = []
    /// Facts worth a line in the summary (the mix's measured loudness, ...).
    public var notes: [String] = []
    /// The speech engine and the encoder used.
    public var speechEngine: String
    public var encoder: String
    /// Peak resident memory of Orator itself, MB.
    public var peakMemoryMB: Double
    /// Peak resident memory of the FFmpeg encoder, MB.
    public var encoderPeakMemoryMB: Double

    /// Video seconds made per second of wall time.
    public var realtimeFactor: Double { wallSeconds > 0 ? videoSeconds / wallSeconds : 0 }

    enum CodingKeys: String, CodingKey {
        case output, videoSeconds, frames, wallSeconds, stages, speechEngine, encoder, peakMemoryMB, encoderPeakMemoryMB
        case realtimeFactor, warnings, notes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(output, forKey: .output)
        try container.encode(videoSeconds, forKey: .videoSeconds)
        try container.encode(frames, forKey: .frames)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(realtimeFactor, forKey: .realtimeFactor)
        try container.encode(stages, forKey: .stages)
        try container.encode(speechEngine, forKey: .speechEngine)
        try container.encode(self.encoder, forKey: .encoder)
        try container.encode(peakMemoryMB, forKey: .peakMemoryMB)
        try container.encode(encoderPeakMemoryMB, forKey: .encoderPeakMemoryMB)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(notes, forKey: .notes)
    }
}
