import Foundation
import OratorCore

/// The page (`Web/`) and `openapi.yaml`, package resources read once at start. Only these
/// names are ever served: a request cannot name any other file.
struct WebFiles: Sendable {
    struct File: Sendable {
        var data: Data
        var contentType: String
    }

    let files: [String: File]
    let openAPI: Data

    static func load() throws(OratorError) -> WebFiles {
        guard let bundle = resourceFolder() else {
            throw OratorError(.fileNotFound, "the server's page and API document (Orator_OratorServer.resources) are not beside the orator binary: run it from the build folder, or copy that folder next to it")
        }
        let web = bundle.appendingPathComponent("Web")
        var files: [String: File] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: web.path)) ?? [] where JobPlanner.isPlainName(name) {
            guard let data = FileManager.default.contents(atPath: web.appendingPathComponent(name).path) else { continue }
            files[name] = File(data: data, contentType: contentType(of: name))
        }
        guard files["index.html"] != nil, let openAPI = FileManager.default.contents(atPath: bundle.appendingPathComponent("openapi.yaml").path) else {
            throw OratorError(.fileNotFound, "the server's resources in \(bundle.path) are incomplete (index.html or openapi.yaml missing)")
        }
        return WebFiles(files: files, openAPI: openAPI)
    }

    /// `Orator_OratorServer.resources` beside the running executable (SwiftPM's layout).
    static func resourceFolder() -> URL? {
        let name = "Orator_OratorServer.resources"
        var candidates: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(name))
        if let path = ProcessInfo.processInfo.environment["ORATOR_SERVER_RESOURCES"] { candidates.insert(URL(fileURLWithPath: path), at: 0) }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("openapi.yaml").path) }
    }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}
