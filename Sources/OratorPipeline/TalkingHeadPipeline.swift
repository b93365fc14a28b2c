import Foundation
import OratorCore
import OratorMotion
import OratorScript
import OratorSpeech
import OratorVideo

/// The whole `create` job: script -> speech -> mouth cues -> motion -> frames -> MP4.
///
/// Every input is checked before any slow work, the video is written under a temporary name
/// and renamed only when complete, and temporary files are removed whatever happens.
public struct TalkingHeadPipeline: Sendable {
    public init() {}

    /// Runs `request`; returns what was made and where the time went.
    public func create(_ request: CreateRequest, progress: any StageProgressReporting = SilentProgress()) throws(OratorError) -> RunSummary {
        let started = Date()
        var clock = StageClock()
        let script = try clock.measure("parse") { () throws(OratorError) in try ScriptParser().parse(contentsOf: request.script) }
        let output = try AtomicOutput(destination: request.output)
        _ = try ExternalTool.locate("ffmpeg")
        let synthesizer = try EspeakSynthesizer(configuration: request.voice)
        let renderer = try clock.measure("avatar") { () throws(OratorError) in
            try AvatarFactory.renderer(for: request.avatar, size: request.size)
        }
        let workspace = try Workspace()
        defer { workspace.remove() }

        let speechFile = workspace.url("speech.wav")
        let timeline = try clock.measure("speech") { () throws(OratorError) in
            try ScriptSpeaker(synthesizer: synthesizer).speak(script, to: speechFile, progress: progress)
        }
        let track = clock.measure("motion") {
            let cues = VisemeTrackBuilder().cues(for: timeline)
            return MotionSynthesizer(configuration: request.motion).track(cues: cues, timeline: timeline, duration: timeline.duration)
        }
        let encoding = VideoEncoderConfiguration(size: request.size, fps: request.motion.fps)
        try clock.measure("render+encode", items: track.frames.count) { () throws(OratorError) in
            let encoder = try FFmpegVideoEncoder(configuration: encoding, audio: speechFile, output: output.temporary)
            do throws(OratorError) {
                try FrameStreamer(jobs: request.jobs).stream(track, renderer: renderer, encoder: encoder, progress: progress)
                progress.begin(stage: "finish", total: nil)
                try encoder.finish()
                progress.end(stage: "finish")
                try output.commit()
            } catch {
                encoder.cancel()
                output.discard()
                throw error
            }
        }
        let memory = StageClock.peakMemoryMB()
        return RunSummary(output: request.output.path, videoSeconds: track.duration, frames: track.frames.count,
                          wallSeconds: Date().timeIntervalSince(started), stages: clock.timings,
                          speechEngine: synthesizer.engineDescription,
                          encoder: "libx264 \(encoding.preset) (CPU)",
                          peakMemoryMB: memory.own, encoderPeakMemoryMB: memory.children)
    }
}
