import Foundation
import Synchronization
import Logging
import OratorCore

/// A bounded pool of workers taking jobs from the queue in order. Each job's pipeline runs on a
/// thread of its own; a worker records the outcome for the attempt it took (so a job taken
/// again after a crash completes once), removes a job deleted while it ran, and hands finished
/// jobs with a webhook to `WebhookSender`.
final class WorkerPool: Sendable {
    let store: JobStore
    let runner: JobRunner
    let board: ProgressBoard
    let folders: ServerFolders
    let webhooks: WebhookSender
    let count: Int
    let logger: Logger
    private let wake = Mutex<[CheckedContinuation<Void, Never>]>([])

    init(count: Int, store: JobStore, runner: JobRunner, board: ProgressBoard, folders: ServerFolders, webhooks: WebhookSender, logger: Logger) {
        self.count = count
        self.store = store
        self.runner = runner
        self.board = board
        self.folders = folders
        self.webhooks = webhooks
        self.logger = logger
    }

    /// Puts interrupted jobs back in the queue, removes deleted ones, and starts the workers.
    func start() throws {
        let requeued = try store.requeueInterrupted()
        if !requeued.isEmpty { logger.notice("requeued \(requeued.count) job(s) interrupted by the last stop: \(requeued.joined(separator: ", "))") }
        for id in try store.deletedJobs() { removeFiles(of: id); try store.remove(id: id) }
        for index in 0..<count { Task { await self.loop(index) } }
    }

    /// A new job was queued: wake an idle worker now rather than at its next look.
    func notify() {
        let waiting = wake.withLock { list -> [CheckedContinuation<Void, Never>] in defer { list = [] }; return list }
        for continuation in waiting { continuation.resume() }
    }

    private func loop(_ index: Int) async {
        while !Task.isCancelled {
            let row: JobRow?
            do { row = try store.claimNext() } catch {
                logger.error("worker \(index): cannot read the queue: \(error)")
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            guard let row else { await idle(); continue }
            await run(row)
        }
    }

    /// Waits for `notify()` or one second, whichever comes first.
    private func idle() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: .seconds(1)) }
            group.addTask { await withCheckedContinuation { continuation in self.wake.withLock { $0.append(continuation) } } }
            await group.next()
            group.cancelAll()
            self.notify()
        }
    }

    private func run(_ row: JobRow) async {
        board.update(row.id, fraction: 0, stage: "starting")
        let runner = self.runner
        let outcome = (try? await Offload.run("orator-job-\(row.id)") { runner.run(row) })
            ?? .failed(.error, kind: "InternalServerError", description: "the job's thread did not start")
        do {
            let recorded: Bool
            switch outcome {
            case let .done(duration, captions):
                recorded = try store.finish(id: row.id, attempt: row.attempt, status: .done, duration: duration, captions: captions)
            case let .failed(status, kind, description):
                recorded = try store.finish(id: row.id, attempt: row.attempt, status: status, error: (kind, description))
                logger.info("\(row.id) \(status.rawValue): \(description)")
            case .cancelled:
                recorded = false
            }
            if !recorded, let current = try store.job(id: row.id), current.deleted {
                removeFiles(of: row.id)
                try store.remove(id: row.id)
            } else if recorded, row.webhookState != "none" {
                webhooks.deliver(row.id)
            }
        } catch {
            logger.error("\(row.id): cannot record the outcome: \(error)")
        }
        board.remove(row.id)
    }

    func removeFiles(of id: String) {
        guard let id = ResourceID(id, kind: .talk) else { return }
        try? FileManager.default.removeItem(at: folders.job(id))
    }
}
