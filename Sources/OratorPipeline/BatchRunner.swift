import Foundation
import OratorCore

/// Runs many `create` jobs through one bounded pool of workers sharing a cache. A failing job
/// is reported in its result; the others carry on.
public struct BatchRunner: Sendable {
    /// Jobs run at once.
    public var workers: Int

    public init(workers: Int = 2) {
        self.workers = max(1, workers)
    }

    /// Refuses, before any job starts, a batch in which two jobs write the same file or a job
    /// writes over another job's input.
    public static func check(_ requests: [CreateRequest]) throws(OratorError) {
        for (index, request) in requests.enumerated() {
            for (otherIndex, other) in requests.enumerated() where otherIndex < index {
                let shared = Set(request.outputFiles.map { $0.standardizedFileURL.path })
                    .intersection(other.outputFiles.map { $0.standardizedFileURL.path })
                if let path = shared.first {
                    throw OratorError(.invalidInput, "jobs \(otherIndex + 1) and \(index + 1) both write \(path): give each job its own output")
                }
            }
        }
        do throws(OratorError) {
            try OutputGuard.check(outputs: requests.flatMap(\.outputFiles), inputs: requests.flatMap(\.inputFiles))
        } catch {
            throw OratorError(error.code, "batch refused: \(error.message)")
        }
    }

    /// A job's name in messages: its number, script and output.
    public static func label(_ request: CreateRequest, index: Int) -> String {
        "job \(index + 1) (\(request.speech.file.lastPathComponent) -> \(request.output.lastPathComponent))"
    }

    /// Runs every request; `finished` is called (from a worker thread) as each one ends.
    public func run(_ requests: [CreateRequest], cache: ContentCache?,
                    finished: @escaping @Sendable (Int, Result<RunSummary, OratorError>) -> Void) -> [Result<RunSummary, OratorError>] {
        let results = BatchResults(count: requests.count)
        // The jobs' photos share one landmark model instead of loading it for each job.
        SharedFaceAnalyzer.keepLoaded()
        DispatchQueue.concurrentPerform(iterations: min(workers, max(1, requests.count))) { _ in
            while let index = results.claimNext() {
                let outcome = Result { () throws(OratorError) -> RunSummary in
                    try TalkingHeadPipeline().create(requests[index], cache: cache)
                }
                results.store(outcome, at: index)
                finished(index, outcome)
            }
        }
        return results.all
    }
}

/// The shared job counter and results of a batch.
final class BatchResults: @unchecked Sendable {
    // Safe: every field is read and written under `lock`.
    private let lock = NSLock()
    private var next = 0
    private var results: [Result<RunSummary, OratorError>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func claimNext() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ result: Result<RunSummary, OratorError>, at index: Int) {
        lock.withLock { results[index] = result }
    }

    var all: [Result<RunSummary, OratorError>] {
        lock.withLock { results.map { $0 ?? .failure(OratorError(.internalFailure, "job \($0 == nil ? "did not run" : "")")) } }
    }
}
