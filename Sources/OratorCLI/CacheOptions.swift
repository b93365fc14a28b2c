import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

/// Where stage outputs are cached.
struct CacheOptions: ParsableArguments {
    @Option(help: "Cache folder (default: $XDG_CACHE_HOME/orator or ~/.cache/orator).")
    var cache: String?

    @Flag(help: "Compute every stage and keep nothing.")
    var noCache = false

    /// What these flags ask for.
    var layer: SettingsLayer { SettingsLayer(cache: cache) }

    /// The cache the settings name, or nil with `--no-cache`.
    static func open(_ settings: ResolvedSettings) throws(OratorError) -> ContentCache? {
        try settings.cache.map { folder throws(OratorError) in try ContentCache(root: folder) }
    }

    /// The cache these flags and the configuration file name.
    func open(_ configOptions: ConfigOptions) throws(OratorError) -> ContentCache? {
        try Self.open(SettingsResolver.resolve(configuration: configOptions.load(), layers: [layer], cache: !noCache))
    }
}

/// `orator cache stats|prune`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "Inspect or prune the stage cache.",
        subcommands: [Stats.self, Prune.self])

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries and size, per stage.")
        @OptionGroup var options: CacheOptions
        @OptionGroup var configOptions: ConfigOptions

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                guard let cache = try options.open(configOptions) else { return }
                let stats = cache.stats()
                print("cache \(cache.root.path): \(stats.entries) entries, \(Self.megabytes(stats.bytes))")
                for (stage, entry) in stats.stages.sorted(by: { $0.key < $1.key }) {
                    print("  \(stage.padding(toLength: 10, withPad: " ", startingAt: 0)) \(entry.entries) entries, \(Self.megabytes(entry.bytes))")
                }
            }
        }

        static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove entries not used recently.")
        @OptionGroup var options: CacheOptions
        @OptionGroup var configOptions: ConfigOptions
        @Option(help: "Remove entries unused for this long: 7d, 12h, 30m, 0s (everything not in use).")
        var olderThan = "7d"

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let age = try ContentCache.parseAge(olderThan)
                guard let cache = try options.open(configOptions) else { return }
                let removed = cache.prune(olderThan: age)
                print("removed \(removed.entries) entries, \(Stats.megabytes(removed.bytes))")
            }
        }
    }
}
