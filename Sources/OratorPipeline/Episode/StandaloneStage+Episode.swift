import Foundation
import OratorCore
import OratorMix
import OratorMotion
import OratorScript
import OratorVideo

/// The episode stages (`mix`, `scene`, scene `render`) from files to files, for workflow
/// engines. Each builds the same `PipelineRun` state `create` has after its speak stage, so
/// the music beds, speakers, avatars and names come from the one place `create` takes them.
extension StandaloneStage {
    /// `mix`: SPEECH/speech.wav + timeline.json + narration.json (and the script's music) ->
    /// OUT/mix.wav + OUT/mix.json.
    public static func mix(speech: URL, script: URL, episode: EpisodeOptions, out: URL,
                           progress: any StageProgressReporting) throws(OratorError) {
        var run = try episodeRun(script: script, speech: speech, episode: episode)
        defer { run.workspace.remove() }
        let narration = try StageFiles.readJSON(Narration.self, from: speech.appendingPathComponent(SpeakStage.narration))
        let stage = MixStage(beds: try run.musicBeds(narration: narration), intro: episode.intro, outro: episode.outro,
                             loudness: episode.loudness)
        let inputs = [StageFiles.speech, StageFiles.timeline, SpeakStage.narration].map { speech.appendingPathComponent($0) }
        try produce(into: out, inputs: run.episodeInputs + inputs) { folder throws(OratorError) in
            try stage.run(speech: speech.appendingPathComponent(StageFiles.speech),
                          timeline: speech.appendingPathComponent(StageFiles.timeline), into: folder, progress: progress)
        }
    }

    /// `scene`: SPEECH/narration.json + MIX/mix.json -> OUT/scene.json (a motion track per speaker).
    public static func scene(speech: URL, mix: URL, script: URL, motion: MotionConfiguration, out: URL) throws(OratorError) {
        let run = try episodeRun(script: script, speech: speech, episode: EpisodeOptions())
        defer { run.workspace.remove() }
        let mixed = try StageFiles.readJSON(MixResult.self, from: mix.appendingPathComponent(MixStage.report))
        let stage = SceneStage(speakers: run.sceneSpeakers.map { $0?.name }, motion: motion, offset: mixed.speechOffset,
                               duration: mixed.duration)
        let inputs = [speech.appendingPathComponent(SpeakStage.narration), mix.appendingPathComponent(MixStage.report)]
        try produce(into: out, inputs: run.episodeInputs + inputs) { folder throws(OratorError) in
            try stage.run(narration: speech.appendingPathComponent(SpeakStage.narration), into: folder)
        }
    }

    /// Scene `render`: SCENE/scene.json + MIX/mix.wav + the speakers' avatars -> OUT/chunk.mp4
    /// for one slice of the frames, video only. Photos with an analysis among `faceAnalyses`
    /// (folders from `face`) take their landmarks from it; the others are detected.
    public static func sceneRender(scene: URL, mix: URL, script: URL, avatar: AvatarSource, size: FrameSize,
                                   episode: EpisodeOptions, slice: FrameSlice, jobs: Int, faceAnalyses: [URL] = [], out: URL,
                                   progress: any StageProgressReporting) throws(OratorError) {
        let run = try episodeRun(script: script, speech: nil, episode: episode, avatar: avatar)
        defer { run.workspace.remove() }
        let sceneFile = scene.appendingPathComponent(SceneStage.file)
        let fps = try StageFiles.readJSON(SceneStage.Output.self, from: sceneFile).fps
        let encoding = VideoEncoderConfiguration(size: try avatar.outputSize(requested: size), fps: fps)
        var stage = SceneRenderStage(avatars: try run.avatars(), names: run.sceneSpeakers.map { $0?.label ?? "" },
                                     style: episode.style, background: episode.background, encoding: encoding, slice: slice,
                                     jobs: jobs, soundtrack: nil)
        if !faceAnalyses.isEmpty {
            stage.engines = .standard(faceAnalyses: try FaceStage.analyses(faceAnalyses))
        }
        try produce(into: out, inputs: run.episodeInputs + [sceneFile, mix.appendingPathComponent(MixStage.file)]) { folder throws(OratorError) in
            try stage.run(scene: sceneFile, mix: mix.appendingPathComponent(MixStage.file), captions: nil, into: folder,
                          progress: progress)
        }
    }

    /// The run state of `create` for `script` after its speak stage wrote SPEECH; `avatar` is
    /// what speakers without their own avatar get (`create --avatar`).
    static func episodeRun(script: URL, speech: URL?, episode: EpisodeOptions,
                           avatar: AvatarSource = .builtin) throws(OratorError) -> PipelineRun {
        var request = CreateRequest(speech: .script(script), output: script.deletingPathExtension().appendingPathExtension("mp4"),
                                    avatar: avatar)
        request.episode = episode
        var run = try PipelineRun(request: request, cache: nil, progress: SilentProgress(), engines: .standard)
        run.script = try ScriptParser().parse(contentsOf: script)
        run.narrationFile = speech?.appendingPathComponent(SpeakStage.narration)
        return run
    }
}

extension PipelineRun {
    /// The files an episode stage reads besides its stage folders: the script, the options'
    /// files and what the script names (music, avatars); no output may be one of them.
    var episodeInputs: [URL] { request.inputFiles + (script.map(scriptInputs) ?? []) }
}
