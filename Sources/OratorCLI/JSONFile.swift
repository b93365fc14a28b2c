import Foundation
import OratorCore

/// Writes pretty-printed JSON atomically.
enum JSONFile {
    static func write(_ value: some Encodable, to url: URL) throws(OratorError) {
        let output = try AtomicOutput(destination: url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw OratorError(.internalFailure, "cannot encode \(url.lastPathComponent)", cause: "\(error)")
        }
        guard FileManager.default.createFile(atPath: output.temporary.path, contents: data) else {
            throw OratorError(.unwritableOutput, "cannot write \(url.path)")
        }
        try output.commit()
    }
}
