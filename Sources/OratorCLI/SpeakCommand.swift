import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

/// `orator speak SCRIPT -o OUT.wav`: speech only, with its phoneme and word timings.
struct SpeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speak",
        abstract: "Speak a script to a WAV file and write its timings to OUT.phonemes.json.")

    @Argument(help: "The script file.")
    var script: String

    @Option(name: .shortAndLong, help: "The WAV file to write.")
    var output: String

    @OptionGroup var voice: VoiceOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let timings = fileURL(output).deletingPathExtension().appendingPathExtension("phonemes.json")
            let settings = try SettingsResolver.resolve(configuration: configOptions.load(), layers: [voice.layer], cache: false)
            let result = try SpeechJob().run(script: fileURL(script), wav: fileURL(output), timings: timings,
                                             settings: settings, progress: reporting.reporter)
            if !reporting.quiet {
                StandardStream.writeError(String(
                    format: "wrote %@ (%.2f s, %d words, %d phonemes) and %@\n", output as NSString, result.duration,
                    result.words.count, result.phones.count, timings.lastPathComponent as NSString))
            }
        }
    }
}
