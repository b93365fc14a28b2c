import Foundation

/// Where Orator keeps what it makes for itself: `$XDG_CACHE_HOME/orator`, or `~/.cache/orator`.
/// The stage cache's entries live there (unless `--cache` moves them), and beside them what is
/// made once per machine and only costs time to make again: converted voices (`voices/`), the
/// word decoder's cut dictionary (`recognition/`) and dlib's decoded face detector (`face/`).
public enum CacheLocation {
    /// The folder itself.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("orator")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/orator")
    }

    /// The subfolder `name` of the folder (not created).
    public static func folder(_ name: String) -> URL {
        root().appendingPathComponent(name)
    }
}
