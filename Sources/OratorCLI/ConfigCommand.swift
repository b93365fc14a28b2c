import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

/// `orator config [FLAGS]`: prints the settings a job would use, exactly as the settings layer
/// resolved them from the defaults, the configuration file and these flags.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective settings (defaults, then orator.yaml or --config, then these flags).",
        discussion: "Example: orator config --size shorts --seed 7   (a preset's fps shows in fps)")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var render: RenderOptions
    @OptionGroup var voice: VoiceOptions
    @OptionGroup var motion: MotionOptions
    @OptionGroup var cacheOptions: CacheOptions

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let loaded = try configOptions.load()
            let resolver = SettingsResolver(configuration: loaded)
            let settings = try SettingsResolver.resolve(configuration: loaded, layers: [render.layer, voice.layer, motion.layer, cacheOptions.layer],
                                                        cache: !cacheOptions.noCache)
            print(settings.yaml(presets: resolver.presets), terminator: "")
        }
    }
}
