import Foundation
import OratorCore

/// Runs a stage on its own thread while the caller does other work; `wait()` returns its result.
final class BackgroundStage<Value: Sendable>: @unchecked Sendable {
    // Safe: `result` is written once by the worker before `done` is signalled, and read only
    // after `wait()` has seen that signal.
    private var result: Result<Value, OratorError>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () throws(OratorError) -> Value) {
        let thread = Thread { [self] in
            let outcome = Result { () throws(OratorError) -> Value in try body() }
            result = outcome
            done.signal()
        }
        thread.start()
    }

    /// Blocks until the stage has finished; rethrows its error.
    func wait() throws(OratorError) -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
