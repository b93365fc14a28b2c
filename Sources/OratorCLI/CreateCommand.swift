import ArgumentParser
import Foundation
import OratorCore
import OratorMotion
import OratorPipeline
import OratorVideo
import OratorFace

/// `orator create SCRIPT -o OUT.mp4`: the main job.
struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Render a script as a talking-head MP4.",
        discussion: """
            Example: orator create examples/welcome.txt -o welcome.mp4 --size 720 --seed 3
            Sizes may be presets: landscape (1920x1080), vertical (1080x1920), square (1080x1080), face (512).
            """)

    @Argument(help: "The script: UTF-8 text; '# Title' lines; a blank line is a pause.")
    var script: String

    @Option(name: .shortAndLong, help: "The MP4 to write.")
    var output: String

    @OptionGroup var render: RenderOptions
    @OptionGroup var voice: VoiceOptions
    @OptionGroup var motion: MotionOptions
    @OptionGroup var reference: ReferenceOptions
    @OptionGroup(title: "Podcast production") var episode: EpisodeOptionsGroup
    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(help: "Write a JSON run report (per-stage wall and CPU time, cache use, engines, memory) to this file.")
    var report: String?

    @Flag(help: "With a neural voice, draw the frames while it speaks (it pays on machines with cores to spare; on two cores the voice keeps both busy).")
    var renderBesideSpeech = false

    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let config = try configOptions.load()
            let settings = try SettingsResolver.resolve(configuration: config, layers: [render.layer, voice.layer, motion.layer, cacheOptions.layer],
                                                        cache: !cacheOptions.noCache)
            var request = CreateRequest(speech: .script(fileURL(script)), output: fileURL(output), settings: settings)
            request.episode = try episode.options()
            request.otherInputs = [configOptions.file].compactMap { $0 }
            reference.apply(to: &request)
            request.rendersBesideSpeech = renderBesideSpeech
            request.otherOutputs = [report].compactMap { $0.map(fileURL) }
            let summary = try TalkingHeadPipeline().create(request, cache: CacheOptions.open(settings), progress: reporting.reporter)
            if let report { try JSONFile.write(summary, to: fileURL(report)) }
            RunSummaryPrinter.print(summary, quiet: reporting.quiet)
        }
    }
}

/// Avatar, size, parallelism and encoder options shared by the rendering commands.
struct RenderOptions: ParsableArguments {
    @Option(help: "builtin (default), an avatar pack folder, or a portrait photo.")
    var avatar: String?

    @Option(help: "Frame size: 512 (default, square), WIDTHxHEIGHT, or a preset name.")
    var size: String?

    @Option(help: "Frames rendered in parallel (default: half the cores, at least 1; the encoder uses the rest).")
    var jobs: Int?

    @Option(help: "Video encoder: auto (NVENC if it really works, else libx264), libx264, or nvenc.")
    var encoder: String?

    @Option(help: "Encoding quality: fast, balanced (default) or best; each picks the x264 preset and CRF for the frame size.")
    var quality: String?

    @Option(help: "Photo framing: crop (face, default), extcrop (with hair and shoulders), resize (whole photo), full (animate inside the full photo).")
    var preprocess: PreprocessMode?

    @Option(help: "Which face of a photo speaks, 0-based left to right (default: the largest).")
    var face: Int?

    /// What these flags ask for (relative paths against the working folder).
    var layer: SettingsLayer {
        SettingsLayer(avatar: avatar, preprocess: preprocess, face: face, size: size, jobs: jobs, encoder: encoder, quality: quality)
    }
}

extension PreprocessMode: ExpressibleByArgument {}
