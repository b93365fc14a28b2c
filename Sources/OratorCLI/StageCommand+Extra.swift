import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

extension StageCommand {
    /// `orator stage lipsync`: the analysis `animate` runs on a recording, from files to files.
    struct LipSync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lipsync",
            abstract: "Recording [+ transcript] -> timeline.json (phone and word timings) + warnings.json.",
            discussion: "Inputs: --in AUDIO (any format FFmpeg reads), --transcript TEXT (optional). Outputs in --out DIR: timeline.json, warnings.json.")
        @Option(name: .customLong("in"), help: "The recording.") var input: String
        @Option(help: "What the recording says (a UTF-8 text file), for exact lip sync.") var transcript: String?
        @Option(help: "Language of the recording as an espeak-ng voice (en-us, de, ...), used with --transcript.") var language: String?
        @Option(help: "Output folder.") var out: String

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                try StandaloneStage.lipsync(audio: fileURL(input), transcript: transcript.map(fileURL), language: language ?? JobDefaults.voice, out: fileURL(out))
            }
        }
    }
}

extension StageCommand {
    /// `orator stage mix`: an episode's speech and music mixed to the loudness target.
    struct Mix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Episode speech + its music -> mix.wav (48 kHz stereo, loudness target) + mix.json.",
            discussion: "Inputs: --in DIR from `stage speak` (speech.wav, timeline.json, narration.json); --script (its music, relative to its folder). Outputs in --out DIR: mix.wav, mix.json.")
        @Option(name: .customLong("in"), help: "Folder from `stage speak`.") var input: String
        @Option(help: "The episode script `stage speak` read.") var script: String
        @Option(help: "Output folder.") var out: String
        @OptionGroup(title: "Podcast production") var episode: EpisodeOptionsGroup
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                try StandaloneStage.mix(speech: fileURL(input), script: fileURL(script), episode: episode.stageOptions(),
                                        out: fileURL(out), progress: reporting.reporter)
            }
        }
    }

    /// `orator stage scene`: one motion track per speaker and who talks in each frame.
    struct Scene: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Episode narration + mix.json -> scene.json (a motion track per speaker, the active speaker per frame).",
            discussion: "Inputs: --in DIR from `stage speak`; --mix DIR from `stage mix`; --script. Outputs in --out DIR: scene.json.")
        @Option(name: .customLong("in"), help: "Folder from `stage speak`.") var input: String
        @Option(help: "Folder from `stage mix`.") var mix: String
        @Option(help: "The episode script.") var script: String
        @Option(help: "Output folder.") var out: String
        @OptionGroup var motion: MotionOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                try StandaloneStage.scene(speech: fileURL(input), mix: fileURL(mix), script: fileURL(script),
                                          motion: SettingsResolver().resolve([motion.layer]).motion, out: fileURL(out))
            }
        }
    }

    /// `orator stage scene-render`: one slice of an episode's frames.
    struct SceneRender: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scene-render",
            abstract: "scene.json + mix.wav + the speakers' avatars -> chunk.mp4: one slice of an episode's frames, video only.",
            discussion: "Inputs: --in DIR from `stage scene`; --mix DIR from `stage mix`; --script (speakers' avatars, relative to its folder). Outputs in --out DIR: chunk.mp4 for --chunk I/N.")
        @Option(name: .customLong("in"), help: "Folder from `stage scene`.") var input: String
        @Option(help: "Folder from `stage mix`.") var mix: String
        @Option(help: "The episode script.") var script: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "Which slice of the frames: I/N, 0-based.") var chunk = "0/1"
        @Option(help: "A folder from `stage face` (repeat for several photos): photos it is of use its landmarks instead of detecting the face again.")
        var faceAnalysis: [String] = []
        @OptionGroup var render: RenderOptions
        @OptionGroup(title: "Podcast production") var episode: EpisodeOptionsGroup
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let settings = try SettingsResolver().resolve([render.layer])
                try StandaloneStage.sceneRender(scene: fileURL(input), mix: fileURL(mix), script: fileURL(script),
                                                avatar: settings.avatar, size: settings.size,
                                                episode: episode.stageOptions(), slice: FrameSlice(parsing: chunk),
                                                jobs: settings.jobs, faceAnalyses: faceAnalysis.map(fileURL), out: fileURL(out),
                                                progress: reporting.reporter)
            }
        }
    }
}

extension EpisodeOptionsGroup {
    /// The options the episode stage commands take: captions, audio-only output and the cover
    /// are made by `create`, not by a stage.
    func stageOptions() throws(OratorError) -> EpisodeOptions {
        let options = try options()
        guard options.captionFiles.isEmpty, !options.burnCaptions, !options.audioOnly, options.thumbnail == nil else {
            throw OratorError(.invalidInput, "--captions, --audio-only and --thumbnail are not stage options: use `orator create` for them")
        }
        return options
    }
}
