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
        @Option(help: "Language of the recording as an espeak-ng voice (en-us, de, ...), used with --transcript.") var language = "en-us"
        @Option(help: "Output folder.") var out: String

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                try StandaloneStage.lipsync(audio: fileURL(input), transcript: transcript.map(fileURL), language: language, out: fileURL(out))
            }
        }
    }
}
