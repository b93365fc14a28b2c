import Foundation
import Synchronization
import OratorCore

/// The live state of running jobs, in memory: fraction done and stage name (read by
/// `GET /talks/{id}` and the events stream), and each job's cancellation flag (set by `DELETE`).
final class ProgressBoard: Sendable {
    struct Entry: Sendable, Equatable {
        var fraction: Double
        var stage: String
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let cancelled = Mutex<Set<String>>([])

    func update(_ id: String, fraction: Double, stage: String) {
        entries.withLock { $0[id] = Entry(fraction: min(1, max(0, fraction)), stage: stage) }
    }

    /// Moves job `id` to `stage` and to `fraction` unless it is already further on: progress never goes back.
    func raise(_ id: String, to fraction: Double, stage: String) {
        entries.withLock { $0[id] = Entry(fraction: min(1, max(0, fraction, $0[id]?.fraction ?? 0)), stage: stage) }
    }

    func entry(_ id: String) -> Entry? { entries.withLock { $0[id] } }

    func remove(_ id: String) {
        entries.withLock { _ = $0.removeValue(forKey: id) }
        cancelled.withLock { _ = $0.remove(id) }
    }

    func cancel(_ id: String) { cancelled.withLock { _ = $0.insert(id) } }
    func isCancelled(_ id: String) -> Bool { cancelled.withLock { $0.contains(id) } }
}

/// One job's progress as the pipeline reports it, turned into one fraction over the whole job:
/// speaking (or analysing the recording) is the first 25%, rendering up to 95%, the rest
/// encoding and the mix.
struct JobProgressReporter: StageProgressReporting {
    let id: String
    let board: ProgressBoard

    private static let spans: [String: (start: Double, end: Double)] = [
        "speech": (0.02, 0.25), "lipsync": (0.02, 0.25), "motion": (0.25, 0.27), "render": (0.27, 0.95),
        "scene": (0.27, 0.95), "encode": (0.95, 0.99), "mix": (0.95, 0.99),
    ]

    func begin(stage: String, total: Int?) {
        board.raise(id, to: Self.spans[stage]?.start ?? 0, stage: stage)
    }

    func advance(stage: String, done: Int, total: Int?) {
        guard let total, total > 0, let span = Self.spans[stage] else { return }
        board.raise(id, to: span.start + (span.end - span.start) * Double(min(done, total)) / Double(total), stage: stage)
    }

    func end(stage: String) {
        guard let span = Self.spans[stage] else { return }
        board.raise(id, to: span.end, stage: stage)
    }

    var isCancelled: Bool { board.isCancelled(id) }
}
