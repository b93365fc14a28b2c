import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline
import OratorSpeech

/// `orator config`: prints the effective configuration.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Print the effective configuration (orator.yaml or --config, with defaults).")

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let loaded = try configOptions.load()
            var effective = loaded
            let voice = EspeakConfiguration()
            effective.voice = loaded.voice ?? voice.voice
            effective.rate = loaded.rate ?? voice.wordsPerMinute
            effective.pitch = loaded.pitch ?? voice.pitch
            effective.avatar = loaded.avatar ?? "builtin"
            effective.size = loaded.size ?? "512"
            effective.fps = loaded.fps ?? 25
            effective.seed = loaded.seed ?? 0
            effective.still = loaded.still ?? false
            effective.expressionScale = loaded.expressionScale ?? 1
            effective.jobs = loaded.jobs ?? FrameStreamer.defaultJobs
            effective.cache = loaded.cache ?? ContentCache.defaultRoot.path
            effective.encoder = loaded.encoder ?? "auto"
            effective.presets = OratorConfiguration.builtinPresets.merging(loaded.presets ?? [:]) { $1 }
            print(effective.yaml(), terminator: "")
        }
    }
}
