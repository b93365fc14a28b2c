import Foundation

/// Runs blocking work (a pipeline run, face detection, SQLite writes from a worker) on a thread
/// of its own, so that it never holds one of the few threads Swift concurrency and the HTTP
/// server share.
enum Offload {
    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.stackSize = 1 << 23
            thread.start()
        }
    }
}
