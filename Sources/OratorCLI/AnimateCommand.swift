import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

/// `orator animate --image FACE --audio AUDIO -o OUT.mp4`: make a photo (or any avatar) speak a recording.
struct AnimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "animate",
        abstract: "Make a portrait photo speak a recording.",
        discussion: """
            Examples:
              orator animate --image face.jpg --audio talk.mp3 -o talk.mp4
              orator animate --image face.jpg --audio take.wav --transcript take.txt --preprocess full -o take.mp4
              orator animate --image face.jpg --audio talk.mp3 --captions srt,burn -o talk.mp4
              orator animate --image face.png --audio line.ogg --still --expression-scale 1.3 --pose-seed 4 -o line.mp4
              orator animate --image face.jpg --audio talk.mp3 --expressions moods.json -o talk.mp4
              orator animate --image face.jpg --audio talk.mp3 --ref-pose me.mp4 --ref-eyeblink me.mp4 -o talk.mp4
            The mouth follows the recording: aligned to the transcript when given (most accurate),
            else to the words PocketSphinx recognizes (English; --transcript none: phones only).
            Captions use the transcript's words, or the recognized ones. --expressions takes D-ID's driver_expressions list,
            [{"start_frame": 0, "expression": "happy", "intensity": 0.6}], or the same with
            "start" in seconds; expressions: neutral, happy, smile, surprise, serious, sad.
            """)

    @Option(help: "The portrait photo (JPEG, PNG or WebP), an avatar pack folder, or builtin.")
    var image: String

    @Option(help: "The recording (any format FFmpeg reads: wav, mp3, m4a, flac, ogg, ...).")
    var audio: String

    @Option(help: "What the recording says: a UTF-8 text file (exact lip sync and captions), auto (recognize the words; English; the default) or none (phones only).")
    var transcript: TranscriptOption = .automatic

    @Option(help: "Captions, any of: srt, vtt (files next to the video), burn (drawn into the picture). Comma-separated.")
    var captions: String?

    @Option(name: .shortAndLong, help: "The MP4 to write.")
    var output: String

    @Option(help: "Expressions over time, as JSON: [{\"start_frame\" or \"start\" (seconds), \"expression\", \"intensity\"}].")
    var expressions: String?

    @Option(help: "Language of the recording as an espeak-ng voice (en-us, de, ...), used with --transcript.")
    var language: String?

    @Option(help: "Seed for head motion and blinks (same as --seed).")
    var poseSeed: UInt64?

    @OptionGroup var render: RenderOptions
    @OptionGroup var motion: MotionOptions
    @OptionGroup var reference: ReferenceOptions
    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(help: "Write a JSON run report to this file.")
    var report: String?

    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let config = try configOptions.load()
            var renderOptions = render
            renderOptions.avatar = image
            let own = SettingsLayer(voice: language, seed: poseSeed)
            let settings = try SettingsResolver.resolve(configuration: config, layers: [renderOptions.layer, own, motion.layer, cacheOptions.layer],
                                                        cache: !cacheOptions.noCache)
            var request = CreateRequest(speech: .recording(fileURL(audio), transcript: transcript.file), output: fileURL(output),
                                        settings: settings)
            request.recognizeWords = transcript.recognizesWords
            try request.episode.addCaptions((captions ?? "").split(separator: ",").map(String.init))
            request.otherInputs = [configOptions.file].compactMap { $0 }
            request.expressions = expressions.map(fileURL)
            reference.apply(to: &request)
            request.otherOutputs = [report].compactMap { $0.map(fileURL) }
            let summary = try TalkingHeadPipeline().create(request, cache: CacheOptions.open(settings), progress: reporting.reporter)
            if let report { try JSONFile.write(summary, to: fileURL(report)) }
            RunSummaryPrinter.print(summary, quiet: reporting.quiet)
        }
    }
}
