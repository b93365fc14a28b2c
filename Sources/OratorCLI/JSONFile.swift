import Foundation
import OratorCore
import OratorPipeline

/// Writes JSON atomically (temporary file, then rename).
enum JSONFile {
    static func write(_ value: some Encodable, to url: URL) throws(OratorError) {
        let output = try AtomicOutput(destination: url)
        do throws(OratorError) {
            try StageFiles.writeJSON(value, to: output.temporary, pretty: true)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }
}
