import Foundation
import OratorCore
import OratorFace
import OratorMix
import OratorScript
import OratorVideo
import OratorMotion

/// The whole job as a chain of stages: speak (script) or lipsync (recording) -> motion ->
/// render (in chunks) beside audio -> encode (one-chunk videos get their soundtrack in the
/// render pass and skip audio and encode, except a neural voice's, whose frames are drawn while
/// the voice speaks: `SpeechRenderOverlap`). Each stage's output is kept in a `StageStore`
/// under a key made from its inputs' content, so with the cache an unchanged stage is reused
/// and an interrupted run resumes from the chunks that finished. The video is copied to the
/// destination under a temporary name and renamed when complete.
public struct TalkingHeadPipeline: Sendable {
    /// The speech and rendering engines the run uses.
    public var engines: Engines

    public init(engines: Engines = .standard) {
        self.engines = engines
    }

    /// For a process that runs many jobs (`orator serve`): keeps dlib's landmark model loaded
    /// between runs instead of freeing it once each run has built its photo renderer.
    public static func keepFaceModelLoaded() {
        SharedFaceAnalyzer.keepLoaded()
    }

    /// Runs `request` with stage outputs in `cache`, or in a private workspace (deleted
    /// afterwards) when `cache` is nil.
    public func create(_ request: CreateRequest, cache: ContentCache? = nil,
                       progress: any StageProgressReporting = SilentProgress()) throws(OratorError) -> RunSummary {
        let started = Date()
        var run = try PipelineRun(request: request, cache: cache, progress: progress, engines: engines)
        defer { run.workspace.remove() }
        if request.episode.audioOnly { try AudioOnlyExporter.format(of: request.output) }
        let output = try AtomicOutput(destination: request.output)
        try OutputGuard.check(outputs: request.outputFiles, inputs: request.inputFiles)
        if let thumbnail = request.thumbnailFile {
            try EpisodeThumbnail.check(thumbnail)
            try AtomicOutput.checkWritable(thumbnail)
        }
        _ = try ExternalTool.locate("ffmpeg")
        if request.referencePose != nil, request.motion.still {
            throw OratorError(.invalidInput, "--ref-pose contradicts --still (a still head follows no reference)")
        }
        for video in Set([request.referencePose, request.referenceBlinks].compactMap { $0 }) { try ReferenceVideoTracker.check(video) }
        try PipelineRun.checkRecordingCaptions(request)
        let (codec, encoderNote) = try request.encoder.resolve()
        let size = try request.avatar.outputSize(requested: request.size)
        let encoding = VideoEncoderConfiguration(size: size, fps: request.motion.fps, quality: request.quality, codec: codec)

        let renderer = LazyRenderer(avatar: request.avatar, size: size, engines: engines)
        if case .photo = request.avatar, !request.episode.audioOnly { renderer.prefetch() }
        run.overlapSpeech(renderer: renderer, encoding: encoding)
        defer { run.overlap?.cancel() }
        let speech = try run.speech()
        if run.isEpisode {
            if let file = request.referencePose ?? request.referenceBlinks {
                throw OratorError(.invalidInput, "\(file.path): a reference video drives one face; episodes do not take --ref-pose or --ref-eyeblink")
            }
            if let file = request.expressions {
                throw OratorError(.invalidInput, "\(file.path): an expressions file drives one face; in an episode write the cues in the script where they start ([smile], [happy 0.6])")
            }
            try run.episode(speech: speech.audio, timeline: speech.timeline, encoding: encoding, output: output)
            return run.summary(started: started, encoding: encoding, note: encoderNote)
        }
        let motionFile = try run.motion(timeline: speech.timeline)
        let turns = request.episode.wantsCaptions ? try run.recordingCaptionTurns(timeline: speech.timeline) : []
        let burn = try run.burnCaptionsFile(turns, encoding: encoding)
        try run.render(motionFile, audio: speech.audio, renderer: renderer, encoding: encoding, captions: burn, output: output)
        try run.writeCaptionSidecars(turns, encoding: encoding)

        return run.summary(started: started, encoding: encoding, note: encoderNote)
    }
}

extension PipelineRun {
    /// What the run made and where the time went.
    func summary(started: Date, encoding: VideoEncoderConfiguration, note: String) -> RunSummary {
        let memory = StageClock.peakMemoryMB()
        var summary = RunSummary(output: request.output.path, videoSeconds: videoSeconds, frames: frameCount,
                                 wallSeconds: Date().timeIntervalSince(started), stages: clock.records,
                                 speechEngine: speechEngine, encoder: "\(encoding.encoderDescription); \(note)",
                                 peakMemoryMB: memory.own, encoderPeakMemoryMB: memory.children)
        summary.warnings = warnings
        summary.notes = notes
        return summary
    }
}
