import Foundation
import OratorCore
import OratorLipSync
import OratorMotion
import OratorNeuralSpeech
import OratorScript
import OratorVideo
import OratorSpeech

/// The state of one `TalkingHeadPipeline` run: where outputs go, what was measured, and one
/// method per stage.
struct PipelineRun {
    let request: CreateRequest
    let cache: ContentCache?
    let progress: any StageProgressReporting
    let workspace: Workspace
    let store: any StageStore
    let engines: Engines
    var clock = StageClock()
    var warnings: [String] = []
    var notes: [String] = []
    var speechEngine = ""
    var frameCount = 0
    var videoSeconds = 0.0
    /// The parsed script and the speak stage's narration file (scripts only).
    var script: Script?
    var narrationFile: URL?
    /// Composed music beds in use (held so a cache prune leaves them while the mix reads them).
    var composedBeds: [StageOutput] = []
    /// The request's expressions file, read before any work (`animate --expressions`).
    let expressions: [TimedExpression]
    /// Renders beside the speech (`SpeechRenderOverlap`), for a neural voice's script.
    var overlap: SpeechRenderOverlap?
    /// One-chunk videos get their soundtrack from the audio and encode stages, as longer ones
    /// do, instead of in the render pass: a chunk drawn beside the speech has no soundtrack yet.
    var separateSoundtrack = false

    init(request: CreateRequest, cache: ContentCache?, progress: any StageProgressReporting, engines: Engines) throws(OratorError) {
        self.request = request
        self.engines = engines
        self.cache = cache
        self.progress = progress
        expressions = try request.expressions.map { url throws(OratorError) in try ExpressionFile.read(url, fps: request.motion.fps) } ?? []
        workspace = try Workspace()
        store = cache ?? WorkspaceStore(workspace: workspace)
    }

    /// Runs and records one stage, marking it a cache hit or miss.
    mutating func measure(_ stage: String, items: Int = 0, engine: String? = nil,
                          _ body: () throws(OratorError) -> StageOutput) throws(OratorError) -> StageOutput {
        try progress.checkCancelled()
        let output = try clock.measure(stage, items: items, engine: engine, body)
        clock.update(stage, cache: cache == nil ? "off" : (output.reused ? "hit" : "miss"))
        return output
    }

    /// The speech audio and its timeline: spoken from the script, or analyzed from the recording.
    mutating func speech() throws(OratorError) -> (audio: URL, timeline: URL) {
        switch request.speech {
        case let .script(url):
            let script = try clock.measure("parse") { () throws(OratorError) in try ScriptParser().parse(contentsOf: url) }
            self.script = script
            try OutputGuard.check(outputs: outputFiles, inputs: request.inputFiles + scriptInputs(script))
            var stage = SpeakStage(script: script, voice: request.voice,
                                   speakerVoices: SpeakStage.speakerVoices(for: script, base: request.voice, configured: request.speakers),
                                   source: url.lastPathComponent)
            stage.speechThreads = request.speechThreads
            stage.engines = engines
            if isEpisode {
                overlap = nil
                separateSoundtrack = false
            } else if let overlap {
                stage.spoken = { timeline in overlap.spoken(timeline) }
            }
            speechEngine = NeuralVoiceCatalog.isNeural(request.voice.voice)
                ? "Piper voice \(request.voice.voice) via sherpa-onnx (CPU, \(request.speechThreads) thread(s)), timing by alignment"
                : request.voice.description
            let store = store, progress = progress
            let output = try measure(SpeakStage.name, engine: speechEngine) { () throws(OratorError) in
                try store.output(stage: SpeakStage.name, key: stage.key()) { folder throws(OratorError) in
                    try stage.run(into: folder, progress: progress)
                }
            }
            narrationFile = output.file(SpeakStage.narration)
            return (output.file(StageFiles.speech), output.file(StageFiles.timeline))
        case let .recording(audio, transcriptFile):
            let transcript = try transcriptFile.map { url throws(OratorError) in try LipSyncStage.readTranscript(url) }
            let configuration = request.lipSyncConfiguration
            let stage = LipSyncStage(transcript: transcript, configuration: configuration)
            speechEngine = "recording \(audio.lastPathComponent), " + (transcript != nil ? "aligned to its transcript"
                : configuration.usesWordRecognition ? "words recognized (PocketSphinx) and aligned" : "phone recognition")
            let store = store
            progress.begin(stage: LipSyncStage.name, total: nil)
            let output = try measure(LipSyncStage.name, engine: "PocketSphinx / espeak-ng alignment (CPU)") { () throws(OratorError) in
                try store.output(stage: LipSyncStage.name, key: stage.key(audio: audio)) { folder throws(OratorError) in
                    try stage.run(audio: audio, into: folder)
                }
            }
            progress.end(stage: LipSyncStage.name)
            // The recognizer's decoders are freed: hand their pages back before the frames' buffers come.
            ProcessMemory.returnFreedMemory()
            warnings += (try? StageFiles.readJSON([String].self, from: output.file(LipSyncStage.warnings))) ?? []
            return (audio, output.file(StageFiles.timeline))
        }
    }

    /// Prepares to render beside the speech when the request asks for it and the run speaks a
    /// script with a neural voice (seconds of synthesis, worth drawing beside) into one face with
    /// no reference video; `speech()` drops it again for an episode.
    mutating func overlapSpeech(renderer: LazyRenderer, encoding: VideoEncoderConfiguration) {
        guard request.rendersBesideSpeech, case .script = request.speech, NeuralVoiceCatalog.isNeural(request.voice.voice),
              !request.episode.audioOnly, request.referencePose == nil, request.referenceBlinks == nil else { return }
        separateSoundtrack = true
        guard request.drawsWhileSpeaking else { return }
        overlap = SpeechRenderOverlap(motion: MotionStage(configuration: request.motion, expressions: expressions), renderer: renderer,
                                      encoding: encoding, jobs: request.jobs, frameLimit: request.framesPerChunk,
                                      chunk: workspace.url("beside-speech-\(StageFiles.chunk)"), progress: progress)
    }

    /// Mouth cues and per-frame motion from the timeline.
    mutating func motion(timeline: URL) throws(OratorError) -> URL {
        var stage = MotionStage(configuration: request.motion, expressions: expressions)
        if request.referencePose != nil || request.referenceBlinks != nil {
            let duration = try StageFiles.readJSON(SpeechTimeline.self, from: timeline).duration
            let pose = try request.referencePose.map { url throws(OratorError) in try reference(url, duration: duration) }
            let blinks = try request.referenceBlinks.map { url throws(OratorError) in
                url == request.referencePose ? pose! : try reference(url, duration: duration)
            }
            stage.poseReference = pose
            stage.blinkReference = blinks
        }
        let store = store
        let output = try measure(MotionStage.name) { () throws(OratorError) in
            try store.output(stage: MotionStage.name, key: stage.key(timeline: timeline)) { folder throws(OratorError) in
                try stage.run(timeline: timeline, into: folder)
            }
        }
        let header = try MotionTrackFile.header(output.file(StageFiles.motion))
        frameCount = header.count
        videoSeconds = Double(header.count) / header.fps
        clock.update(MotionStage.name, items: frameCount)
        return output.file(StageFiles.motion)
    }

    /// The head pose and blinks tracked in a reference video, for `duration` seconds.
    mutating func reference(_ video: URL, duration: Double) throws(OratorError) -> URL {
        let stage = ReferenceStage(fps: request.motion.fps, duration: duration)
        let store = store
        let output = try measure(ReferenceStage.name, engine: "dlib landmarks on \(video.lastPathComponent)") { () throws(OratorError) in
            try store.output(stage: ReferenceStage.name, key: stage.key(video: video)) { folder throws(OratorError) in
                try stage.run(video: video, into: folder)
            }
        }
        return output.file(ReferenceStage.file)
    }

    /// Starts encoding the soundtrack on another thread.
    func audioInBackground(_ audio: URL, encoding: VideoEncoderConfiguration) -> BackgroundStage<StageOutput> {
        let store = store
        return BackgroundStage { () throws(OratorError) -> StageOutput in
            let stage = AudioStage(encoding: encoding)
            return try store.output(stage: AudioStage.name, key: stage.key(audio: audio)) { folder throws(OratorError) in
                try stage.run(audio: audio, into: folder)
            }
        }
    }

    /// Renders every chunk of the motion track with `renderer` and puts the video with `audio` in place.
    /// `captions`, an ASS file, is burnt into the picture.
    mutating func render(_ motionFile: URL, audio: URL, renderer: LazyRenderer, encoding: VideoEncoderConfiguration,
                         captions: URL? = nil, output: AtomicOutput) throws(OratorError) {
        let request = request, overlap = overlap
        try renderVideo(audio: audio, encoding: encoding, output: output) { slice, soundtrack throws(OratorError) in
            var stage = RenderStage(avatar: request.avatar, encoding: encoding, slice: slice, jobs: request.jobs, soundtrack: soundtrack)
            stage.captions = captions
            return (try stage.key(motion: motionFile), { folder, progress throws(OratorError) in
                if let overlap, let chunk = try overlap.finish(MotionTrackFile.read(motionFile), slices: slice.count) {
                    try StageFiles.move(chunk, to: folder.appendingPathComponent(StageFiles.chunk))
                } else {
                    try stage.run(motion: motionFile, renderer: renderer.get(), into: folder, progress: progress)
                }
            })
        }
        if let overlap, overlap.framesAhead > 0 {
            clock.update(RenderStage.name, engine: encoding.encoderDescription + ", \(overlap.framesAhead) of \(frameCount) frames drawn beside the speech")
        }
    }

    /// The tail every video run shares. Several chunks: the soundtrack is encoded on another
    /// thread while the chunks render, then the encode stage joins them. One chunk (videos up
    /// to `framesPerChunk` frames): the soundtrack is encoded in the render pass and that chunk
    /// is the finished video, which saves an FFmpeg process and a pass over the file. `chunk` gives a
    /// slice's key and the work that renders it (with the soundtrack, when one is given) into
    /// a folder. `place` puts the finished video in place (default: a copy).
    mutating func renderVideo(
        audio: URL, encoding: VideoEncoderConfiguration, output: AtomicOutput,
        place: ((URL) throws(OratorError) -> Void)? = nil,
        chunk: (FrameSlice, URL?) throws(OratorError) -> (CacheKey, (URL, any StageProgressReporting) throws(OratorError) -> Void)
    ) throws(OratorError) {
        func put(_ video: URL) throws(OratorError) {
            if let place { try place(video) } else { try output.copyAndCommit(from: video) }
        }
        let slices = FrameSlice.chunks(total: frameCount, framesPerChunk: request.framesPerChunk)
        if slices.count == 1, !separateSoundtrack {
            let video = try renderChunks(slices, engine: encoding.encoderDescription + ", soundtrack ffmpeg aac in the same pass") {
                slice throws(OratorError) in try chunk(slice, audio)
            }
            try clock.measure("output") { () throws(OratorError) in try put(video[0]) }
            return
        }
        let soundtrack = audioInBackground(audio, encoding: encoding)
        let chunks = try renderChunks(slices, engine: encoding.encoderDescription) { slice throws(OratorError) in try chunk(slice, nil) }
        let encoded = try measure(AudioStage.name, engine: "ffmpeg aac (CPU)") { () throws(OratorError) in try soundtrack.wait() }
        let video = try encode(chunks: chunks, audio: encoded.file(AudioStage.file), encoding: encoding)
        try clock.measure("output") { () throws(OratorError) in try put(video) }
    }

    /// The render stage's chunk loop: one cache entry per slice, progress over the whole stage,
    /// and `hit`, `partial` or `miss` in the report.
    private mutating func renderChunks(
        _ slices: [FrameSlice], engine: String,
        chunk: (FrameSlice) throws(OratorError) -> (CacheKey, (URL, any StageProgressReporting) throws(OratorError) -> Void)
    ) throws(OratorError) -> [URL] {
        let total = frameCount, store = store, progress = progress
        var chunks: [StageOutput] = []
        try clock.measure(RenderStage.name, items: total, engine: engine) { () throws(OratorError) in
            for slice in slices {
                try progress.checkCancelled()
                let (key, work) = try chunk(slice)
                let sliceProgress = SliceProgress(base: progress, offset: slice.range(of: total).lowerBound, total: total,
                                                  isFirst: slice.index == 0, isLast: slice.index == slice.count - 1)
                chunks.append(try store.output(stage: RenderStage.name, key: key) { folder throws(OratorError) in
                    try work(folder, sliceProgress)
                })
            }
        }
        let reused = chunks.filter(\.reused).count
        clock.update(RenderStage.name, cache: cache == nil ? "off" : reused == chunks.count ? "hit" : reused == 0 ? "miss" : "partial")
        return chunks.map { $0.file(StageFiles.chunk) }
    }

    /// Joins the chunks with the soundtrack.
    mutating func encode(chunks: [URL], audio: URL, encoding: VideoEncoderConfiguration) throws(OratorError) -> URL {
        let stage = EncodeStage(encoding: encoding)
        let store = store
        progress.begin(stage: EncodeStage.name, total: nil)
        let output = try measure(EncodeStage.name, engine: "ffmpeg concat, stream copy") { () throws(OratorError) in
            try store.output(stage: EncodeStage.name, key: stage.key(chunks: chunks, audio: audio)) { folder throws(OratorError) in
                try stage.run(chunks: chunks, audio: audio, output: folder.appendingPathComponent(StageFiles.video))
            }
        }
        progress.end(stage: EncodeStage.name)
        return output.file(StageFiles.video)
    }
}

/// Builds the avatar's renderer the first time a frame must be drawn: a fully cached run never
/// loads a face model or sprites.
final class LazyRenderer: @unchecked Sendable {
    // Safe: `renderer` is created and read under `lock`.
    private let lock = NSLock()
    private let avatar: AvatarSource
    private let size: FrameSize
    private let engines: Engines
    private var renderer: (any FrameRendering)?

    init(avatar: AvatarSource, size: FrameSize, engines: Engines) {
        self.avatar = avatar
        self.size = size
        self.engines = engines
    }

    /// Starts building the renderer on another thread (a photo's face analysis and the dlib
    /// model load then overlap the audio analysis); `get()` waits for it.
    func prefetch() {
        Thread { [self] in _ = try? self.get() }.start()
    }

    func get() throws(OratorError) -> any FrameRendering {
        lock.lock()
        defer { lock.unlock() }
        if let renderer { return renderer }
        let made = try engines.renderer(avatar, size)
        renderer = made
        return made
    }
}
