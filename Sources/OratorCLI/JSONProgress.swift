import Foundation
import OratorCore

/// `--progress json`: one JSON object per line on stdout,
/// `{"event":"progress","stage":"render","done":120,"total":465,"elapsed":2.41}`.
final class JSONProgress: StageProgressReporting, @unchecked Sendable {
    // Safe: all state is guarded by `lock`.
    private let lock = NSLock()
    private var started: [String: Date] = [:]
    private var lastEmitted: [String: Date] = [:]

    func begin(stage: String, total: Int?) {
        lock.withLock {
            started[stage] = Date()
            emit("begin", stage: stage, done: 0, total: total)
        }
    }

    func advance(stage: String, done: Int, total: Int?) {
        lock.withLock {
            let now = Date()
            guard done == total || now.timeIntervalSince(lastEmitted[stage] ?? .distantPast) >= 0.25 else { return }
            lastEmitted[stage] = now
            emit("progress", stage: stage, done: done, total: total)
        }
    }

    func end(stage: String) {
        lock.withLock { emit("end", stage: stage, done: nil, total: nil) }
    }

    private func emit(_ event: String, stage: String, done: Int?, total: Int?) {
        struct Line: Encodable { var event: String; var stage: String; var done: Int?; var total: Int?; var elapsed: Double }
        let elapsed = (Date().timeIntervalSince(started[stage] ?? Date()) * 1000).rounded() / 1000
        let line = Line(event: event, stage: stage, done: done, total: total, elapsed: elapsed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(line) else { return }
        do throws(OratorError) {
            try StandardStream.writeOutput(String(decoding: data, as: UTF8.self) + "\n")
        } catch {
            // Whoever reads the progress has gone (or the disk is full): stop the run cleanly.
            StandardStream.writeError("error: \(error.description)\n")
            Cleanup.undoAll()
            exit(1)
        }
    }
}
