import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

/// `orator batch`: many episodes through one worker pool with a shared cache.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render many scripts; one failing job does not stop the others.",
        discussion: """
            Examples:
              orator batch ep1.txt ep2.txt ep3.txt --out-dir videos/
              orator batch --manifest jobs.yaml
            The exit status is the number of jobs that failed (0 when all succeeded).
            """)

    @Argument(help: "Script files; each becomes OUT-DIR/NAME.mp4.")
    var scripts: [String] = []

    @Option(help: "A YAML manifest of jobs (script, output, avatar, voice, size, ...).")
    var manifest: String?

    @Option(help: "Folder for the videos of scripts given as arguments (default: beside each script).")
    var outDir: String?

    @Option(help: "Jobs run at once (default 2).")
    var workers = 2

    @OptionGroup var render: RenderOptions
    @OptionGroup var voice: VoiceOptions
    @OptionGroup var motion: MotionOptions
    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var configOptions: ConfigOptions
    @Flag(name: .shortAndLong, help: "Print only the final count and errors.") var quiet = false

    func run() throws {
        var failed = 0
        try reportingErrors { () throws(OratorError) in
            guard (1...64).contains(workers) else { throw OratorError(.invalidInput, "invalid --workers \(workers): use 1 to 64") }
            let config = try configOptions.load()
            let flags = [render.layer, voice.layer, motion.layer, cacheOptions.layer]
            let batch = try BatchPlan(configuration: config, flags: flags, cache: !cacheOptions.noCache, workers: workers,
                                      scripts: scripts.map(fileURL), outputFolder: outDir.map(fileURL), manifest: manifest.map(fileURL))
            let requests = batch.requests
            let started = Date()
            let quiet = quiet
            let results = BatchRunner(workers: workers).run(requests, cache: try CacheOptions.open(batch.settings)) { index, result in
                let name = BatchRunner.label(requests[index], index: index)
                switch result {
                case let .success(summary) where !quiet:
                    print(String(format: "ok      %@ -> %@ (%.1f s of video in %.1f s)", name as NSString,
                                 summary.output as NSString, summary.videoSeconds, summary.wallSeconds))
                case let .failure(error):
                    StandardStream.writeError("failed  \(name): \(error.description)\n")
                default: break
                }
            }
            failed = results.filter { if case .failure = $0 { true } else { false } }.count
            print(String(format: "%d jobs: %d done, %d failed, in %.1f s", results.count, results.count - failed, failed,
                         Date().timeIntervalSince(started)))
        }
        if failed > 0 { throw ExitCode(Int32(min(failed, 125))) }
    }
}
