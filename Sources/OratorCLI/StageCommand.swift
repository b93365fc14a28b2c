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
              orator stage render --in motion/ --out chunk0/ --chunk 0/2      (and --chunk 1/2, in parallel)
              orator stage audio  --in speech/speech.wav --out audio/
              orator stage encode --in chunk0/ --in chunk1/ --audio audio/audio.m4a --out episode.mp4
            """,
        subcommands: [Speak.self, LipSync.self, Motion.self, Render.self, Audio.self, Encode.self, Mix.self, Scene.self, SceneRender.self])

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
                try StandaloneStage.speak(script: fileURL(input), voice: voice.configuration(), out: fileURL(out), progress: reporting.reporter)
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
                try StandaloneStage.motion(input: fileURL(input), configuration: motion.configuration(), out: fileURL(out))
            }
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "motion.bin -> chunk.mp4: one slice of the frames, H.264 video only.",
            discussion: "Inputs: --in DIR containing motion.bin; --avatar. Outputs in --out DIR: chunk.mp4 for --chunk I/N (0-based).")
        @Option(name: .customLong("in"), help: "Folder with motion.bin.") var input: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "builtin, an avatar pack folder, or a portrait photo.") var avatar = "builtin"
        @Option(help: "Frame size: 512 or WIDTHxHEIGHT.") var size = "512"
        @Option(help: "Which slice of the frames: I/N, 0-based.") var chunk = "0/1"
        @Option(help: "Frames rendered in parallel.") var jobs = FrameStreamer.defaultJobs
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                try StandaloneStage.render(input: fileURL(input), avatar: AvatarSource(argument: avatar), size: FrameSize(parsing: size),
                                           slice: FrameSlice(parsing: chunk), jobs: max(1, jobs), out: fileURL(out),
                                           progress: reporting.reporter)
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

/// Motion options shared by `create`, `animate` and `stage motion`.
struct MotionOptions: ParsableArguments {
    @Option(help: "Frames per second, default 25.") var fps: Double?
    @Option(help: "Seed for blinks and head motion (same seed, same motion), default 0.") var seed: UInt64?
    @Flag(help: "Keep the head still: only the mouth and eyes move.") var still = false
    @Option(help: "Scale mouth and brow movement (1 = natural).") var expressionScale: Float?

    func configuration(_ config: OratorConfiguration = OratorConfiguration()) throws(OratorError) -> MotionConfiguration {
        let fps = fps ?? config.fps ?? 25
        let scale = expressionScale ?? config.expressionScale ?? 1
        guard (1...120).contains(fps) else { throw OratorError(.invalidInput, "invalid fps \(fps): use 1 to 120") }
        guard (0...3).contains(scale) else { throw OratorError(.invalidInput, "invalid expression scale \(scale): use 0 to 3") }
        return MotionConfiguration(fps: fps, seed: seed ?? config.seed ?? 0, still: still || (config.still ?? false),
                                   expressionScale: scale)
    }
}
