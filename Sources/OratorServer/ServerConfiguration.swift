import Foundation
import OratorCore

/// How `orator serve` runs: where it listens, where it keeps its state, how many jobs render at
/// once, and the limits every request is held to.
public struct ServerConfiguration: Sendable {
    /// Address to bind: loopback unless API keys are configured.
    public var host = "127.0.0.1"
    /// Port to bind; 0 picks a free one.
    public var port = 8080
    /// The queue database, uploads, results and the signing secret.
    public var dataFolder: URL
    /// Jobs rendered at once.
    public var workers = 1
    /// `name:secret` lines; nil serves without authentication (loopback only).
    public var apiKeyFile: URL?
    /// The base of returned URLs; nil takes it from each request's `Host` header.
    public var publicURL: URL?
    /// A folder of avatar packs offered by `GET /avatars`.
    public var avatarsFolder: URL?
    /// An origin allowed to call the API from a browser (CORS off when nil).
    public var corsOrigin: String?
    /// Request limits.
    public var limits = Limits()

    /// What a request may send.
    public struct Limits: Sendable {
        /// Bytes of one image upload.
        public var imageBytes = 20 << 20
        /// Bytes of one audio upload.
        public var audioBytes = 100 << 20
        /// Seconds of one recording.
        public var audioSeconds = 600.0
        /// Characters of one script (`script.input` or an episode's script).
        public var scriptCharacters = 20_000
        /// Bytes of a JSON request body.
        public var jsonBytes = 1 << 20
        /// Jobs one key may have waiting or running.
        public var queuedPerKey = 20
        /// Jobs the whole queue may hold waiting or running.
        public var queued = 1000
        /// Characters of `user_data`.
        public var userDataCharacters = 1000

        public init() {}
    }

    public init(dataFolder: URL) {
        self.dataFolder = dataFolder
    }

    /// `$XDG_DATA_HOME/orator/server`, else `~/.local/share/orator/server`.
    public static var defaultDataFolder: URL {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("orator/server")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/orator/server")
    }

    /// Whether `host` is a loopback address.
    public var bindsLoopbackOnly: Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }

    /// Refuses a configuration that would expose an unauthenticated server.
    public func validate() throws(OratorError) {
        if apiKeyFile == nil, !bindsLoopbackOnly {
            throw OratorError(.invalidInput, "refusing to serve on \(host) without --api-key-file: without keys the server binds to loopback (127.0.0.1) only")
        }
        guard (0...65535).contains(port) else { throw OratorError(.invalidInput, "invalid port \(port): use 0 to 65535") }
        guard workers >= 1, workers <= 64 else { throw OratorError(.invalidInput, "invalid --workers \(workers): use 1 to 64") }
        if let publicURL, !["http", "https"].contains(publicURL.scheme ?? "") {
            throw OratorError(.invalidInput, "invalid --public-url \(publicURL.absoluteString): use http://HOST[:PORT] or https://...")
        }
    }
}
