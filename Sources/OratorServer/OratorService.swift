import Foundation
import Hummingbird
import Logging
import NIOCore
import OratorCore

/// `orator serve`: builds the services and the router, starts the workers, and serves until
/// the process is stopped. Signals are left to Orator's own handlers (`Interruption`): a stop
/// ends running jobs where they are, and the next start puts them back in the queue.
public enum OratorService {
    /// Serves with `configuration`; `onListening` gets the address once the socket is bound,
    /// with a line for the console about authentication.
    public static func run(_ configuration: ServerConfiguration, onListening: @escaping @Sendable (URL, String) -> Void) async throws {
        var logger = Logger(label: "orator.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["ORATOR_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        let services = try ServerServices(configuration: configuration, logger: logger)
        let router = Router(context: ServerContext.self)
        router.add(middleware: ErrorShapeMiddleware<ServerContext>())
        if let origin = configuration.corsOrigin {
            router.add(middleware: CORSMiddleware(allowOrigin: .custom(origin), allowHeaders: [.authorization, .contentType, .range],
                                                  allowMethods: [.get, .post, .delete], maxAge: .seconds(600)))
        }
        router.add(middleware: AuthMiddleware(keys: services.keys))
        DiscoveryRoutes(services: services).register(on: router)
        UploadRoutes(services: services).register(on: router)
        TalkRoutes(services: services).register(on: router)
        ResultRoutes(services: services).register(on: router)

        try services.pool.start()
        services.webhooks.resumePending()
        let note = services.keys == nil
            ? "no --api-key-file: serving without authentication, on loopback only"
            : "API keys: \(services.keys?.keys.count ?? 0) from \(configuration.apiKeyFile?.path ?? "")"
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "Orator"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                let address = "http://\(host):\(port)"
                services.base.setBoundAddress(address)
                onListening(URL(string: address) ?? URL(fileURLWithPath: "/"), note)
            },
            logger: logger)
        do {
            try await app.runService(gracefulShutdownSignals: [])
        } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EADDRNOTAVAIL || error.errnoCode == EACCES {
            let reason = error.errnoCode == EADDRINUSE ? "the port is in use (another server? choose --port)"
                : error.errnoCode == EACCES ? "permission denied (ports below 1024 need privileges)" : "no such address on this machine"
            throw OratorError(.invalidInput, "cannot listen on \(configuration.host):\(configuration.port): \(reason)")
        }
    }

    /// Deletes jobs that finished, and uploads made, before `age` seconds ago: (jobs, uploads) removed.
    public static func prune(_ configuration: ServerConfiguration, olderThan age: TimeInterval) throws(OratorError) -> (jobs: Int, uploads: Int) {
        let folders = try ServerFolders(root: configuration.dataFolder)
        let store = try JobStore(file: folders.database)
        let cutoff = Date().addingTimeInterval(-age)
        do {
            let jobs = try store.finishedJobs(before: cutoff)
            for id in jobs {
                if let resource = ResourceID(id, kind: .talk) { try? FileManager.default.removeItem(at: folders.job(resource)) }
                try store.remove(id: id)
            }
            let uploads = try store.uploads(before: cutoff)
            for upload in uploads {
                try? FileManager.default.removeItem(at: folders.upload(file: upload.file))
                try store.removeUpload(id: upload.id)
            }
            return (jobs.count, uploads.count)
        } catch {
            throw OratorError(.unwritableOutput, "cannot prune \(folders.database.path)", cause: "\(error)")
        }
    }
}
