import Foundation
import OratorCore

/// The jobs of `orator batch`, each resolved from the configuration file, the manifest's
/// defaults, the job itself and the flags, in that order, and checked together before any starts.
public struct BatchPlan: Sendable {
    /// Every job, in order.
    public var requests: [CreateRequest]
    /// The settings without any job's own (for the shared cache).
    public var settings: ResolvedSettings

    /// Scripts given by name write `NAME.mp4` into `outputFolder` (default: beside each
    /// script); a manifest's jobs name their outputs. Render threads are shared out among the workers.
    public init(configuration: OratorConfiguration, flags: [SettingsLayer], cache: Bool, workers: Int,
                scripts: [URL], outputFolder: URL?, manifest: URL?) throws(OratorError) {
        var resolver = SettingsResolver(configuration: configuration)
        resolver.cacheEnabled = cache
        settings = try resolver.resolve([configuration.layer] + flags)
        let threads = max(1, settings.jobs / max(1, workers))
        let speechThreads = JobDefaults.speechThreads(sharedBy: workers)
        var requests: [CreateRequest] = []
        func request(_ script: URL, output: URL, layers: [SettingsLayer]) throws(OratorError) -> CreateRequest {
            var request = CreateRequest(speech: .script(script), output: output, settings: try resolver.resolve(layers))
            request.jobs = threads
            if layers.allSatisfy({ $0.speechThreads == nil }) { request.speechThreads = speechThreads }
            return request
        }
        for script in scripts {
            let folder = outputFolder ?? script.deletingLastPathComponent()
            let output = folder.appendingPathComponent(script.deletingPathExtension().lastPathComponent + ".mp4")
            requests.append(try request(script, output: output, layers: [configuration.layer] + flags))
        }
        if let manifest {
            let loaded = try BatchManifest.load(manifest)
            let base = manifest.deletingLastPathComponent()
            let defaults = loaded.defaults
            for job in loaded.jobs {
                let layer = SettingsLayer(base: base)
                let script = layer.resolve(job.script ?? defaults?.script ?? "")
                let output = (job.output ?? defaults?.output).map(layer.resolve)
                    ?? script.deletingPathExtension().appendingPathExtension("mp4")
                let layers = [configuration.layer] + [defaults?.layer(base: base), job.layer(base: base)].compactMap { $0 } + flags
                requests.append(try request(script, output: output, layers: layers))
            }
        }
        guard !requests.isEmpty else { throw OratorError(.invalidInput, "batch needs scripts or --manifest") }
        try BatchRunner.check(requests)
        self.requests = requests
    }
}
