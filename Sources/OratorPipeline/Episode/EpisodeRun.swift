import Foundation
import OratorCaptions
import OratorCore
import OratorMix
import OratorMusic
import OratorRender
import OratorScript
import OratorVideo

/// The episode stages of a run: mix, scene, scene render, captions, audio-only export.
extension PipelineRun {
    /// True if this script should be produced as an episode.
    var isEpisode: Bool {
        guard let script else { return false }
        let hasMusicCue = script.segments.contains { if case .music = $0 { true } else { false } }
        return request.episode.isSet || !script.speakers.isEmpty || script.music != nil || hasMusicCue
    }

    /// The script's folder, against which its relative paths resolve.
    private var scriptFolder: URL { request.speech.file.deletingLastPathComponent() }

    private func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : scriptFolder.appendingPathComponent(path)
    }

    /// The music beds the options and the script ask for; composed beds are made (or found in
    /// the cache) by the compose stage, as long as their stretch of the episode.
    mutating func musicBeds(narration: Narration) throws(OratorError) -> [MusicBed] {
        let total = narration.timeline.duration
        switch request.episode.music {
        case .none: return []
        case let .file(url): return [MusicBed(file: url)]
        case let .generate(music): return [MusicBed(file: try composedBed(music, length: total))]
        case .fromScript:
            var cues: [(time: Double, music: ScriptMusic?)] = script?.music.map { [(0, $0)] } ?? []
            cues += narration.musicCues.map { ($0.time, $0.music) }
            for cue in cues { if let path = cue.music?.file, !FileManager.default.fileExists(atPath: resolve(path).path) {
                throw OratorError(.fileNotFound, "\(request.speech.file.lastPathComponent): music file not found: \(resolve(path).path)")
            } }
            var beds: [MusicBed] = []
            for span in MusicBed.spans(fromCues: cues.map { ($0.time, $0.music != nil) }, fadeOut: 1.5) {
                switch cues[span.cue].music {
                case let .file(path)?:
                    beds.append(MusicBed(file: resolve(path), start: span.start, end: span.end))
                case let .generate(music)?:
                    let length = (span.end ?? total) - span.start
                    guard length > 0.05 else { continue }
                    beds.append(MusicBed(file: try composedBed(music, length: length), start: span.start, end: span.end))
                case nil: continue
                }
            }
            return beds
        }
    }

    /// A composed bed of `length` seconds from the compose stage (a quarter second longer, so the
    /// mixer never has to loop it for a frame), kept out of a cache prune while the run needs it.
    private mutating func composedBed(_ music: MusicRequest, length: Double) throws(OratorError) -> URL {
        let stage = ComposeStage(request: music, length: length + 0.25)
        let store = store
        let output = try measure(ComposeStage.name, engine: "\(MusicRenderer.engine), FluidR3 GM (CPU)") { () throws(OratorError) in
            try store.output(stage: ComposeStage.name, key: stage.key()) { folder throws(OratorError) in try stage.run(into: folder) }
        }
        clock.update(ComposeStage.name, items: Int(stage.length.rounded()))
        composedBeds.append(output)
        return output.file(ComposeStage.file)
    }

    /// Mixes speech and music to the loudness target.
    mutating func mix(speech: URL, timeline: URL) throws(OratorError) -> (file: URL, result: MixResult, narration: Narration) {
        guard let narrationFile else { throw OratorError(.internalFailure, "an episode needs a script") }
        let narration = try StageFiles.readJSON(Narration.self, from: narrationFile)
        let stage = MixStage(beds: try musicBeds(narration: narration), intro: request.episode.intro, outro: request.episode.outro,
                             loudness: request.episode.loudness)
        let store = store, progress = progress
        let output = try measure(MixStage.name, engine: "libebur128 + ffmpeg (CPU)") { () throws(OratorError) in
            try store.output(stage: MixStage.name, key: stage.key(speech: speech, timeline: timeline)) { folder throws(OratorError) in
                try stage.run(speech: speech, timeline: timeline, into: folder, progress: progress)
            }
        }
        let result = try StageFiles.readJSON(MixResult.self, from: output.file(MixStage.report))
        return (output.file(MixStage.file), result, narration)
    }

    /// Speakers in layout order (one unnamed speaker when the script names none).
    var sceneSpeakers: [ScriptSpeaker?] {
        guard let script, !script.speakers.isEmpty else { return [nil] }
        return Array(script.speakers.prefix(4))
    }

    /// Each speaker's avatar: front matter, then the configuration file, then `--avatar`.
    func avatars() throws(OratorError) -> [AvatarSource] {
        try sceneSpeakers.map { speaker throws(OratorError) -> AvatarSource in
            guard let speaker, let path = speaker.avatar ?? request.speakers[speaker.name]?.avatar else { return request.avatar }
            if path == "builtin" { return .builtin }
            let url = resolve(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw OratorError(.fileNotFound, "\(request.speech.file.lastPathComponent): avatar of \(speaker.name) not found: \(url.path)")
            }
            return try AvatarSource(argument: url.path)
        }
    }

    /// Caption turns on the mix's clock.
    func captionTurns(_ narration: Narration, offset: Double) -> [CaptionTurn] {
        narration.turns.map { turn in
            let label = turn.speaker.flatMap { name in script?.speaker(named: name)?.label }
            return CaptionTurn(speaker: label, words: turn.words).shifted(by: offset)
        }
    }

    /// The whole episode after speech: mix, then either the podcast file or the video.
    mutating func episode(speech: URL, timeline: URL, encoding: VideoEncoderConfiguration,
                          output: AtomicOutput) throws(OratorError) {
        let avatars = try avatars()
        let mixed = try mix(speech: speech, timeline: timeline)
        let turns = captionTurns(mixed.narration, offset: mixed.result.speechOffset)
        videoSeconds = mixed.result.duration
        notes += ["mix: \(String(format: "%.1f", mixed.result.integratedLoudness)) LUFS integrated, true peak \(String(format: "%.1f", mixed.result.truePeak)) dBTP"]
        let chapters = mixed.narration.podcastChapters(offset: mixed.result.speechOffset)
        let metadata = PodcastMetadata(title: request.episode.title ?? script?.title)
        if request.episode.audioOnly {
            try clock.measure("export") { () throws(OratorError) in
                try AudioOnlyExporter().export(audio: mixed.file, chapters: chapters, metadata: metadata, to: output.temporary)
                try output.commit()
            }
            try writeUploadFiles(chapters: chapters, duration: mixed.result.duration, avatars: avatars)
            return
        }
        let sceneStage = SceneStage(speakers: sceneSpeakers.map { $0?.name }, motion: request.motion,
                                    offset: mixed.result.speechOffset, duration: mixed.result.duration)
        let narrationFile = narrationFile!, store = store
        let scene = try measure(SceneStage.name) { () throws(OratorError) in
            try store.output(stage: SceneStage.name, key: sceneStage.key(narration: narrationFile)) { folder throws(OratorError) in
                try sceneStage.run(narration: narrationFile, into: folder)
            }
        }
        let sceneFile = scene.file(SceneStage.file)
        frameCount = try StageFiles.readJSON(SceneStage.Output.self, from: sceneFile).frameCount
        let burnFile = try burnCaptionsFile(turns, encoding: encoding)
        try renderScene(sceneFile, mix: mixed.file, captions: burnFile, avatars: avatars, encoding: encoding, output: output) {
            video throws(OratorError) in
            try ChapterWriter().copy(video, chapters: chapters, metadata: metadata, to: output.temporary)
            try output.commit()
        }
        try writeCaptionSidecars(turns, encoding: encoding)
        try writeUploadFiles(chapters: chapters, duration: mixed.result.duration, avatars: avatars)
    }

    /// Renders the scene's chunks (reusing those already made) and puts the video with the mix
    /// in place through `place` (which marks its chapters).
    private mutating func renderScene(_ sceneFile: URL, mix: URL, captions: URL?, avatars: [AvatarSource],
                                      encoding: VideoEncoderConfiguration, output: AtomicOutput,
                                      place: @escaping (URL) throws(OratorError) -> Void) throws(OratorError) {
        let request = request
        let names = sceneSpeakers.map { $0?.label ?? "" }, engines = engines
        try renderVideo(audio: mix, encoding: encoding, output: output, place: place) { slice, soundtrack throws(OratorError) in
            var stage = SceneRenderStage(avatars: avatars, names: names, style: request.episode.style,
                                         background: request.episode.background, encoding: encoding, slice: slice, jobs: request.jobs,
                                         soundtrack: soundtrack)
            stage.engines = engines
            return (try stage.key(scene: sceneFile, mix: mix, captions: captions), { folder, progress throws(OratorError) in
                try stage.run(scene: sceneFile, mix: mix, captions: captions, into: folder, progress: progress)
            })
        }
    }
}
