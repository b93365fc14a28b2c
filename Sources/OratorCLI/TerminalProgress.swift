import Foundation
import OratorCore

/// Progress on stderr: a live bar with rate and time left on a terminal, plain lines otherwise.
final class TerminalProgress: StageProgressReporting, @unchecked Sendable {
    // Safe: all state is guarded by `lock`; the pipeline reports from more than one thread.
    private let lock = NSLock()
    private let interactive: Bool
    private var started: [String: Date] = [:]
    private var lastPrinted = Date.distantPast
    private var lastPercent = -1

    /// `interactive` draws a live bar; by default, when stderr is a terminal.
    init(interactive: Bool = isatty(STDERR_FILENO) != 0) {
        self.interactive = interactive
    }

    func begin(stage: String, total: Int?) {
        lock.withLock {
            started[stage] = Date()
            lastPercent = -1
            if !interactive { emit("\(stage): started\(total.map { " (\($0) items)" } ?? "")\n") }
        }
    }

    func advance(stage: String, done: Int, total: Int?) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(started[stage] ?? Date())
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            if interactive {
                guard Date().timeIntervalSince(lastPrinted) > 0.1 || done == total else { return }
                lastPrinted = Date()
                emit("\r\u{1B}[K" + Self.bar(stage: stage, done: done, total: total, rate: rate))
            } else if let total, total > 0 {
                let percent = done * 100 / total
                guard percent / 25 > lastPercent / 25 else { return }
                lastPercent = percent
                emit("\(stage): \(done)/\(total) (\(percent)%)\n")
            }
        }
    }

    func end(stage: String) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(started[stage] ?? Date())
            emit((interactive ? "\r\u{1B}[K" : "") + "\(stage): done in \(String(format: "%.2f", elapsed)) s\n")
        }
    }

    /// Erases a half-drawn bar before an error line.
    static func clearLine() {
        if isatty(STDERR_FILENO) != 0 { StandardStream.writeError("\r\u{1B}[K") }
    }

    static func bar(stage: String, done: Int, total: Int?, rate: Double) -> String {
        guard let total, total > 0 else { return "\(stage): \(done)" }
        let width = 30
        let filled = min(width, done * width / total)
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        return "\(stage) [\(bar)] \(done)/\(total)  \(Int(rate))/s  ETA \(Int(remaining.rounded()))s"
    }

    private func emit(_ text: String) {
        StandardStream.writeError(text)
    }
}
