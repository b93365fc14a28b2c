import Foundation
import OratorCore
import OratorScript
import OratorVideo

/// The whole `create` job as a chain of stages: parse -> speak -> motion -> render (in chunks)
/// -> encode. Each stage's output is kept in a `StageStore` under a key made from its inputs'
/// content, so with the cache an unchanged stage is reused and an interrupted run resumes from
/// the chunks that finished. The video is copied to the destination under a temporary name
/// and renamed when complete.
public struct TalkingHeadPipeline: Sendable {
    public init() {}

    /// Runs `request` with stage outputs in `store` (a `ContentCache`, or `nil` for a private
    /// workspace that is deleted afterwards).
    public func create(_ request: CreateRequest, cache: ContentCache? = nil,
                       progress: any StageProgressReporting = SilentProgress()) throws(OratorError) -> RunSummary {
        let started = Date()
        var clock = StageClock()
        let script = try clock.measure("parse") { () throws(OratorError) in try ScriptParser().parse(contentsOf: request.script) }
        let output = try AtomicOutput(destination: request.output)
        _ = try ExternalTool.locate("ffmpeg")
        let (codec, encoderNote) = try request.encoder.resolve()
        let workspace = try Workspace()
        defer { workspace.remove() }
        let store: any StageStore = cache ?? WorkspaceStore(workspace: workspace)
        let cacheState = { (reused: Bool) in cache == nil ? "off" : (reused ? "hit" : "miss") }

        let speak = SpeakStage(script: script, voice: request.voice, source: request.script.lastPathComponent)
        let speech = try clock.measure(SpeakStage.name, engine: "espeak-ng (CPU)") { () throws(OratorError) in
            try store.output(stage: SpeakStage.name, key: speak.key()) { folder throws(OratorError) in
                try speak.run(into: folder, progress: progress)
            }
        }
        clock.update(SpeakStage.name, cache: cacheState(speech.reused))

        let motionStage = MotionStage(configuration: request.motion)
        let timelineFile = speech.file(StageFiles.timeline)
        let motion = try clock.measure(MotionStage.name) { () throws(OratorError) in
            try store.output(stage: MotionStage.name, key: motionStage.key(timeline: timelineFile)) { folder throws(OratorError) in
                try motionStage.run(timeline: timelineFile, into: folder)
            }
        }
        let track = try StageFiles.readJSON(MotionStage.Output.self, from: motion.file(StageFiles.motion)).track
        clock.update(MotionStage.name, items: track.frames.count, cache: cacheState(motion.reused))

        let encoding = VideoEncoderConfiguration(size: request.size, fps: request.motion.fps, codec: codec)
        let soundtrack = BackgroundStage { () throws(OratorError) -> StageOutput in
            let stage = AudioStage(encoding: encoding)
            let wav = speech.file(StageFiles.speech)
            return try store.output(stage: AudioStage.name, key: stage.key(audio: wav)) { folder throws(OratorError) in
                try stage.run(audio: wav, into: folder)
            }
        }
        let renderer = LazyRenderer(avatar: request.avatar, size: request.size)
        let slices = FrameSlice.chunks(total: track.frames.count, framesPerChunk: request.framesPerChunk)
        var chunks: [StageOutput] = []
        try clock.measure(RenderStage.name, items: track.frames.count, engine: encoding.encoderDescription) { () throws(OratorError) in
            let total = track.frames.count
            for slice in slices {
                let stage = RenderStage(avatar: request.avatar, encoding: encoding, slice: slice, jobs: request.jobs)
                let sliceProgress = SliceProgress(base: progress, offset: slice.range(of: total).lowerBound, total: total,
                                                  isFirst: slice.index == 0, isLast: slice.index == slice.count - 1)
                chunks.append(try store.output(stage: RenderStage.name, key: stage.key(motion: motion.file(StageFiles.motion))) {
                    folder throws(OratorError) in
                    try stage.run(motion: motion.file(StageFiles.motion), renderer: renderer.get(), into: folder, progress: sliceProgress)
                })
            }
        }
        let reusedChunks = chunks.filter(\.reused).count
        clock.update(RenderStage.name, cache: cache == nil ? "off" : (reusedChunks == chunks.count ? "hit" : reusedChunks == 0 ? "miss" : "partial"))

        let audioOutput = try clock.measure(AudioStage.name, engine: "ffmpeg aac (CPU)") { () throws(OratorError) in
            try soundtrack.wait()
        }
        clock.update(AudioStage.name, cache: cacheState(audioOutput.reused))

        let encode = EncodeStage(encoding: encoding)
        let chunkFiles = chunks.map { $0.file(StageFiles.chunk) }
        let audio = audioOutput.file(AudioStage.file)
        let video = try clock.measure(EncodeStage.name, engine: "ffmpeg concat + aac (CPU)") { () throws(OratorError) in
            progress.begin(stage: EncodeStage.name, total: nil)
            defer { progress.end(stage: EncodeStage.name) }
            return try store.output(stage: EncodeStage.name, key: encode.key(chunks: chunkFiles, audio: audio)) { folder throws(OratorError) in
                try encode.run(chunks: chunkFiles, audio: audio, output: folder.appendingPathComponent(StageFiles.video))
            }
        }
        clock.update(EncodeStage.name, cache: cacheState(video.reused))
        try clock.measure("output") { () throws(OratorError) in
            try output.copyAndCommit(from: video.file(StageFiles.video))
        }

        let memory = StageClock.peakMemoryMB()
        return RunSummary(output: request.output.path, videoSeconds: track.duration, frames: track.frames.count,
                          wallSeconds: Date().timeIntervalSince(started), stages: clock.records,
                          speechEngine: request.voice.description, encoder: "\(encoding.encoderDescription); \(encoderNote)",
                          peakMemoryMB: memory.own, encoderPeakMemoryMB: memory.children)
    }
}

/// Builds the avatar's renderer the first time a frame must be drawn: a fully cached run never
/// loads a face model or sprites.
final class LazyRenderer: @unchecked Sendable {
    // Safe: `renderer` is created and read under `lock`.
    private let lock = NSLock()
    private let avatar: AvatarSource
    private let size: FrameSize
    private var renderer: (any FrameRendering)?

    init(avatar: AvatarSource, size: FrameSize) {
        self.avatar = avatar
        self.size = size
    }

    func get() throws(OratorError) -> any FrameRendering {
        lock.lock()
        defer { lock.unlock() }
        if let renderer { return renderer }
        let made = try AvatarFactory.renderer(for: avatar, size: size)
        renderer = made
        return made
    }
}
