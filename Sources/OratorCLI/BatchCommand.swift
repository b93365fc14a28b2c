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
            let requests = try makeRequests()
            guard !requests.isEmpty else { throw OratorError(.invalidInput, "batch needs scripts or --manifest") }
            guard (1...64).contains(workers) else { throw OratorError(.invalidInput, "invalid --workers \(workers): use 1 to 64") }
            try BatchRunner.check(requests)
            let cache = try cacheOptions.open(configOptions.load())
            let started = Date()
            let quiet = quiet
            let results = BatchRunner(workers: workers).run(requests, cache: cache) { index, result in
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

    private func makeRequests() throws(OratorError) -> [CreateRequest] {
        let config = try configOptions.load()
        let jobs = try render.jobs(config)
        let perJobThreads = max(1, jobs / max(1, workers))
        var requests: [CreateRequest] = []
        for script in scripts {
            let url = fileURL(script)
            let folder = outDir.map(fileURL) ?? url.deletingLastPathComponent()
            requests.append(CreateRequest(
                speech: .script(url), output: folder.appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".mp4"),
                avatar: try render.avatar(config), voice: voice.configuration(config), size: try render.size(config),
                motion: try motion.configuration(config), jobs: perJobThreads, encoder: try render.encoder(config)))
        }
        if let manifest {
            let url = fileURL(manifest)
            let loaded = try BatchManifest.load(url)
            let base = url.deletingLastPathComponent()
            for job in loaded.jobs.map({ $0.merged(with: loaded.defaults) }) {
                requests.append(try request(for: job, base: base, config: config, threads: perJobThreads))
            }
        }
        return requests
    }

    private func request(for job: BatchManifest.Job, base: URL, config: OratorConfiguration, threads: Int) throws(OratorError) -> CreateRequest {
        func resolve(_ path: String) -> URL { path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path) }
        let script = resolve(job.script ?? "")
        let output = job.output.map(resolve) ?? script.deletingPathExtension().appendingPathExtension("mp4")
        var jobConfig = config
        jobConfig.voice = job.voice ?? config.voice
        jobConfig.rate = job.rate ?? config.rate
        jobConfig.pitch = job.pitch ?? config.pitch
        jobConfig.fps = job.fps ?? config.fps
        jobConfig.seed = job.seed ?? config.seed
        jobConfig.still = job.still ?? config.still
        jobConfig.expressionScale = job.expressionScale ?? config.expressionScale
        let avatar = job.avatar.map { $0 == "builtin" ? $0 : resolve($0).path }
        return CreateRequest(
            speech: .script(script), output: output, avatar: try AvatarSource(argument: avatar ?? render.avatar ?? config.avatar ?? "builtin"),
            voice: voice.configuration(jobConfig), size: try jobConfig.frameSize(job.size ?? render.size ?? config.size ?? "512"),
            motion: try motion.configuration(jobConfig), jobs: threads, encoder: try render.encoder(config))
    }
}
