/// Describes one installed voice.
public struct VoiceInfo: Sendable, Codable, Equatable {
    /// The name to pass to `--voice`.
    public var identifier: String
    /// A human-readable name.
    public var name: String
    /// Language tag such as `en-us`.
    public var language: String
    /// Output sample rate in Hz.
    public var sampleRate: Int
    /// Which engine speaks it (`espeak-ng`, `piper`, ...).
    public var engine: String

    public init(identifier: String, name: String, language: String, sampleRate: Int, engine: String) {
        self.identifier = identifier
        self.name = name
        self.language = language
        self.sampleRate = sampleRate
        self.engine = engine
    }
}

/// Turns text into speech audio plus the timing of every phone and word.
///
/// Engines synthesize one stretch of text at a time (a paragraph), so memory is bounded by the
/// longest paragraph, not the script.
public protocol SpeechSynthesizing: Sendable {
    /// The engine's output sample rate in Hz.
    var sampleRate: Int { get }
    /// A short description of the engine and voice, for reports.
    var engineDescription: String { get }
    /// Speaks `text`; times in the result start at 0.
    func synthesize(_ text: String) throws(OratorError) -> SpeechSegment
    /// Speaks `text` as `synthesize` does, and hands `spokenSoFar` the timeline of the part
    /// already spoken each time one more sentence is done (an engine that speaks a paragraph at
    /// once never calls it), so a caller can start on a long paragraph before it ends.
    func synthesize(_ text: String, spokenSoFar: (SpeechTimeline) -> Void) throws(OratorError) -> SpeechSegment
}

extension SpeechSynthesizing {
    public func synthesize(_ text: String, spokenSoFar: (SpeechTimeline) -> Void) throws(OratorError) -> SpeechSegment {
        try synthesize(text)
    }
}

/// Draws one video frame from its motion coefficients.
///
/// Implementations hold only immutable state, so one renderer may draw several frames at once
/// on different threads.
public protocol FrameRendering: Sendable {
    /// The size of the frames this renderer draws.
    var size: FrameSize { get }
    /// Draws the frame for `motion` into `buffer` (which has `size`), setting every pixel.
    func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError)
    /// Draws the frame for `motion` into `buffer` and returns where it can differ from this
    /// renderer's still parts (nil: anywhere). `previous` is what an earlier call returned for
    /// the frame `buffer` still holds, so only that region and the new one need drawing again;
    /// nil means `buffer` holds anything, and the whole frame is drawn. The result is the same
    /// frame `render` draws.
    func update(_ motion: MotionFrame, over buffer: inout FrameBuffer, previous: PixelRegion?) throws(OratorError) -> PixelRegion?
}

extension FrameRendering {
    /// Draws the whole frame: a renderer without still parts.
    public func update(_ motion: MotionFrame, over buffer: inout FrameBuffer, previous: PixelRegion?) throws(OratorError) -> PixelRegion? {
        try render(motion, into: &buffer)
        return nil
    }
}

/// Reports how far a long-running stage has come.
public protocol StageProgressReporting: Sendable {
    /// A stage began; `total` is the number of items it will process, if known.
    func begin(stage: String, total: Int?)
    /// `done` items of the current stage are finished.
    func advance(stage: String, done: Int, total: Int?)
    /// The stage finished.
    func end(stage: String)
    /// Whether whoever watches the run wants it stopped (a service's cancelled job). Long loops
    /// check it between items through `checkCancelled()`; the default is never.
    var isCancelled: Bool { get }
}

extension StageProgressReporting {
    public var isCancelled: Bool { false }

    /// Throws `OratorError.Code.cancelled` once `isCancelled` is true.
    public func checkCancelled() throws(OratorError) {
        if isCancelled { throw OratorError(.cancelled, "the run was cancelled") }
    }
}

/// A progress reporter that says nothing.
public struct SilentProgress: StageProgressReporting {
    public init() {}
    public func begin(stage: String, total: Int?) {}
    public func advance(stage: String, done: Int, total: Int?) {}
    public func end(stage: String) {}
}
