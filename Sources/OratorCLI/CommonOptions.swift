import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline
import OratorSpeech

/// `--config PATH`; without it, `orator.yaml` in the working folder is read if present.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Configuration file (default: ./orator.yaml if present). Flags override it.")
    var config: String?

    func load() throws(OratorError) -> OratorConfiguration {
        try OratorConfiguration.load(path: config.map(fileURL))
    }

    /// The configuration file that `load()` reads, if any.
    var file: URL? { OratorConfiguration.file(path: config.map(fileURL)) }
}

/// Voice options shared by `create`, `speak` and `stage speak` (defaults: `JobDefaults`).
struct VoiceOptions: ParsableArguments {
    @Option(help: "Voice: an espeak-ng voice or language (default en-us), a neural voice (joe), or piper:PATH.onnx (see `orator voices`).")
    var voice: String?

    @Option(help: "Threads for a neural voice (default: the cores, up to 4; shared among batch workers).")
    var speechThreads: Int?

    @Option(help: "Speaking rate in words per minute (80-450), default 165.")
    var rate: Int?

    @Option(help: "Voice pitch (0-100), default 50.")
    var pitch: Int?

    /// What these flags ask for.
    var layer: SettingsLayer { SettingsLayer(voice: voice, rate: rate, pitch: pitch, speechThreads: speechThreads) }
}

/// Progress and quiet options.
struct ReportingOptions: ParsableArguments {
    enum Style: String, ExpressibleByArgument, CaseIterable { case auto, plain, json }

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "Progress style: auto (a live bar on a terminal, plain lines otherwise), plain, or json (one object per line on stdout).")
    var progress: Style = .auto

    var reporter: any StageProgressReporting {
        if quiet { return SilentProgress() }
        switch progress {
        case .json: return JSONProgress()
        case .plain: return TerminalProgress(interactive: false)
        case .auto: return TerminalProgress()
        }
    }
}

/// Runs a command body, turning an `OratorError` into one `error:` line and exit status 1.
func reportingErrors(_ body: () throws(OratorError) -> Void) throws {
    do {
        try body()
    } catch {
        TerminalProgress.clearLine()
        StandardStream.writeError("error: \(error.description)\n")
        throw ExitCode(1)
    }
}

/// Resolves a path argument against the current folder.
func fileURL(_ path: String) -> URL {
    URL(fileURLWithPath: path).standardizedFileURL
}

extension TranscriptOption: ExpressibleByArgument {
    public var defaultValueDescription: String {
        switch self {
        case .automatic: "auto"
        case .none: "none"
        case let .file(url): url.path
        }
    }
}
