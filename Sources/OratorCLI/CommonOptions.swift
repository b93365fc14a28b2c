import ArgumentParser
import Foundation
import OratorCore
import OratorSpeech

/// Voice options shared by `create` and `speak`.
struct VoiceOptions: ParsableArguments {
    @Option(help: "espeak-ng voice or language (see `orator voices`).")
    var voice = "en-us"

    @Option(help: "Speaking rate in words per minute (80-450).")
    var rate = 165

    @Option(help: "Voice pitch (0-100).")
    var pitch = 50

    var configuration: EspeakConfiguration {
        EspeakConfiguration(voice: voice, wordsPerMinute: rate, pitch: pitch)
    }
}

/// Output reporting options.
struct ReportingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    var progress: any StageProgressReporting {
        quiet ? SilentProgress() : TerminalProgress()
    }
}

/// Runs a command body, turning an `OratorError` into one `error:` line and exit status 1.
func reportingErrors(_ body: () throws(OratorError) -> Void) throws {
    do {
        try body()
    } catch {
        TerminalProgress.clearLine()
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode(1)
    }
}

/// Resolves a path argument against the current folder.
func fileURL(_ path: String) -> URL {
    URL(fileURLWithPath: path).standardizedFileURL
}
