import ArgumentParser
import Foundation
import OratorCore
import OratorMotion
import OratorPipeline

/// `orator stage NAME`: one pipeline stage from files to files, for workflow engines.
struct StageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "Run one pipeline stage from files to files (see docs/stages.md).",
        discussion: """
            A workflow engine chains them like this (the same code `create` runs):
              orator stage speak  --in script.txt --out speech/
              orator stage motion --in speech/ --out motion/ --seed 7
              orator stage face   --in me.jpg --out face/                     (photos: once per portrait)
              orator stage render --in motion/ --out chunk0/ --chunk 0/2      (and --chunk 1/2, in parallel)
              orator stage audio  --in speech/speech.wav --out audio/
              orator stage encode --in chunk0/ --in chunk1/ --audio audio/audio.m4a --out episode.mp4
            """,
        subcommands: [Speak.self, LipSync.self, Motion.self, Face.self, Render.self, Audio.self, Encode.self, Mix.self, Scene.self, SceneRender.self])

    struct Speak: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Script -> speech.wav + timeline.json (phone and word timings).",
            discussion: "Inputs: --in SCRIPT (text file). Outputs in --out DIR: speech.wav, timeline.json.")
        @Option(name: .customLong("in"), help: "The script file.") var input: String
        @Option(help: "Output folder.") var out: String
        @OptionGroup var voice: VoiceOptions
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let settings = try SettingsResolver().resolve([voice.layer])
                try StandaloneStage.speak(script: fileURL(input), settings: settings, out: fileURL(out), progress: reporting.reporter)
            }
        }
    }

    struct Motion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "timeline.json -> motion.bin (per-frame face and head motion) + cues.json (mouth cues).",
            discussion: "Inputs: --in DIR containing timeline.json. Outputs in --out DIR: motion.bin, cues.json.")
        @Option(name: .customLong("in"), help: "Folder with timeline.json.") var input: String
        @Option(help: "Output folder.") var out: String
        @OptionGroup var motion: MotionOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let settings = try SettingsResolver().resolve([motion.layer])
                try StandaloneStage.motion(input: fileURL(input), configuration: settings.motion, out: fileURL(out))
            }
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "motion.bin -> chunk.mp4: one slice of the frames, H.264 video only.",
            discussion: "Inputs: --in DIR containing motion.bin; --avatar. Outputs in --out DIR: chunk.mp4 for --chunk I/N (0-based).")
        @Option(name: .customLong("in"), help: "Folder with motion.bin.") var input: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "Which slice of the frames: I/N, 0-based.") var chunk = "0/1"
        @Option(help: "A folder from `stage face` for this photo: use its landmarks instead of detecting the face again.")
        var faceAnalysis: String?
        @OptionGroup var render: RenderOptions
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let settings = try SettingsResolver().resolve([render.layer])
                try StandaloneStage.render(input: fileURL(input), avatar: settings.avatar, size: settings.size,
                                           slice: FrameSlice(parsing: chunk), jobs: settings.jobs,
                                           faceAnalysis: faceAnalysis.map(fileURL), out: fileURL(out), progress: reporting.reporter)
            }
        }
    }

    struct Audio: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Any audio file -> audio.m4a (AAC 48 kHz), the soundtrack the encode stage copies.",
            discussion: "Inputs: --in AUDIO. Outputs in --out DIR: audio.m4a.")
        @Option(name: .customLong("in"), help: "The soundtrack.") var input: String
        @Option(help: "Output folder.") var out: String

        func run() throws {
            try reportingErrors { () throws(OratorError) in try StandaloneStage.audio(input: fileURL(input), out: fileURL(out)) }
        }
    }

    struct Encode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rendered chunks + soundtrack -> the finished MP4, joining the chunks without re-encoding.",
            discussion: "Inputs: --in CHUNK (folder with chunk.mp4, or the file), repeated in frame order; --audio (audio.m4a is copied, anything else encoded). Output: --out FILE.mp4.")
        @Option(name: .customLong("in"), help: "A render chunk folder or file; repeat in order.") var inputs: [String]
        @Option(help: "The soundtrack.") var audio: String
        @Option(help: "The MP4 to write.") var out: String

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                try StandaloneStage.encode(chunks: inputs.map(fileURL), audio: fileURL(audio), output: fileURL(out))
            }
        }
    }
}

/// Motion options shared by `create`, `animate` and `stage motion` (defaults: `JobDefaults`).
struct MotionOptions: ParsableArguments {
    @Option(help: "Frames per second, default 25 (or the size preset's).") var fps: Double?
    @Option(help: "Seed for blinks and head motion (same seed, same motion), default 0.") var seed: UInt64?
    @Flag(help: "Keep the head still: only the mouth and eyes move.") var still = false
    @Option(help: "Scale mouth and brow movement (1 = natural).") var expressionScale: Float?
    @Option(help: "How much the head moves: 0 (the same as --still) to 2; 1 is natural.") var headMotion: Float?
    @Option(help: "How the head moves: natural (default), calm, lively or nodding.") var poseStyle: String?

    /// What these flags ask for.
    var layer: SettingsLayer {
        SettingsLayer(fps: fps, seed: seed, still: still ? true : nil, expressionScale: expressionScale, headMotion: headMotion, poseStyle: poseStyle)
    }
}
