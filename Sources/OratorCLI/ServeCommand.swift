import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline
import OratorServer

/// `orator serve`: the self-hosted service (docs/server.md). Parsing and printing only; the
/// service is `OratorService` in OratorServer.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the D-ID-shaped REST API, the job queue and the web page.",
        discussion: """
            Example: orator serve --open        (http://127.0.0.1:8080)
                     orator serve --host 0.0.0.0 --api-key-file keys.txt --data /srv/orator
            Without --api-key-file the server accepts requests without a key and binds to loopback only.
            See docs/server.md for the API, the limits and the security model.
            """)

    @Option(help: "Address to bind (anything but loopback needs --api-key-file).") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port; the chosen one is printed).") var port = 8080
    @Option(help: "Queue database, uploads and results (default: $XDG_DATA_HOME/orator/server).") var data: String?
    @Option(help: "Jobs rendered at once (each job uses every core).") var workers = 1
    @Option(help: "API keys, one name:secret per line.") var apiKeyFile: String?
    @Option(help: "The base of URLs the server returns (default: from each request's Host header).") var publicURL: String?
    @Option(help: "A folder of avatar packs offered to clients.") var avatars: String?
    @Option(help: "Largest image upload, MB.") var maxImageMb = 20
    @Option(help: "Largest audio upload, MB.") var maxAudioMb = 100
    @Option(help: "Longest recording, seconds.") var maxAudioSeconds = 600.0
    @Option(help: "Longest script, characters.") var maxScriptChars = 20000
    @Option(help: "Jobs one key may have waiting or running.") var maxQueuedPerKey = 20
    @Option(help: "An origin allowed to call the API from a browser (CORS is off without it).") var corsOrigin: String?
    @Option(help: "Delete jobs and uploads older than this (30d, 12h), then exit.") var pruneOlderThan: String?
    @Flag(help: "Open the page in the default browser once listening.") var open = false

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            var configuration = ServerConfiguration(dataFolder: data.map(fileURL) ?? ServerConfiguration.defaultDataFolder)
            configuration.host = host
            configuration.port = port
            configuration.workers = workers
            configuration.apiKeyFile = apiKeyFile.map(fileURL)
            configuration.avatarsFolder = avatars.map(fileURL)
            configuration.corsOrigin = corsOrigin
            if let publicURL {
                guard let url = URL(string: publicURL) else { throw OratorError(.invalidInput, "invalid --public-url \(publicURL)") }
                configuration.publicURL = url
            }
            for (name, value) in [("--max-image-mb", maxImageMb), ("--max-audio-mb", maxAudioMb), ("--max-script-chars", maxScriptChars),
                                  ("--max-queued-per-key", maxQueuedPerKey)] where value < 1 {
                throw OratorError(.invalidInput, "invalid \(name) \(value): use 1 or more")
            }
            guard maxAudioSeconds > 0 else { throw OratorError(.invalidInput, "invalid --max-audio-seconds: use more than 0") }
            configuration.limits.imageBytes = maxImageMb << 20
            configuration.limits.audioBytes = maxAudioMb << 20
            configuration.limits.audioSeconds = maxAudioSeconds
            configuration.limits.scriptCharacters = maxScriptChars
            configuration.limits.queuedPerKey = maxQueuedPerKey
            if let pruneOlderThan {
                let removed = try OratorService.prune(configuration, olderThan: ContentCache.parseAge(pruneOlderThan))
                print("pruned \(removed.jobs) job(s) and \(removed.uploads) upload(s) older than \(pruneOlderThan) from \(configuration.dataFolder.path)")
                return
            }
            try serve(configuration)
        }
    }

    private func serve(_ configuration: ServerConfiguration) throws(OratorError) {
        let open = self.open
        let failure = ServeFailure()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await OratorService.run(configuration) { url, note in
                    StandardStream.writeError("orator serve: listening on \(url.absoluteString) (\(note)); data in \(configuration.dataFolder.path)\n")
                    if open { Browser.open(url) }
                }
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error {
            if let error = error as? OratorError { throw error }
            throw OratorError(.internalFailure, "the server stopped: \(error)")
        }
    }
}

/// The error the server task ended with, handed to the waiting main thread.
private final class ServeFailure: @unchecked Sendable {
    // Safe: written once by the server task before it signals, read after the wait.
    private(set) var error: (any Error)?
    func set(_ error: any Error) { self.error = error }
}

/// Opens a URL with the desktop's opener, if there is one.
enum Browser {
    static func open(_ url: URL) {
        guard let opener = ["/usr/bin/xdg-open", "/usr/bin/sensible-browser"].first(where: FileManager.default.isExecutableFile) else {
            StandardStream.writeError("orator serve: open \(url.absoluteString) in a browser\n")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
