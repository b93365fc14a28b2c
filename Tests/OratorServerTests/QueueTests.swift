import Foundation
@testable import OratorServer
import Testing

/// The durable queue in a real SQLite file: order, limits, attempts and restarts.
@Suite("Job queue")
struct QueueTests {
    static func store() throws -> (JobStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try JobStore(file: folder.appendingPathComponent("queue.sqlite")), folder)
    }

    static func job(_ owner: String = "") -> JobRow {
        let now = Date().timeIntervalSince1970
        return JobRow(id: ResourceID(new: .talk).value, object: "talk", owner: owner, status: .created, createdAt: now, modifiedAt: now,
                      attempt: 0, echo: "{}", spec: "{}", webhookState: "none", deleted: false)
    }

    @Test("jobs are taken in order, and a stale attempt cannot complete a job")
    func attempts() async throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await store.enqueue(Self.job(), perOwner: 10, total: 10).get()
        let second = try await store.enqueue(Self.job(), perOwner: 10, total: 10).get()
        let taken = try #require(try store.claimNext())
        #expect(taken.id == first.id)
        #expect(taken.attempt == 1)
        // A crash: the job goes back to the queue and is taken again.
        #expect(try store.requeueInterrupted() == [first.id])
        let again = try #require(try store.claimNext())
        #expect(again.id == first.id)
        #expect(again.attempt == 2)
        #expect(try store.finish(id: first.id, attempt: 1, status: .done, duration: 1) == false)
        #expect(try store.finish(id: first.id, attempt: 2, status: .done, duration: 1) == true)
        #expect(try store.finish(id: first.id, attempt: 2, status: .done, duration: 1) == false)
        #expect(try store.claimNext()?.id == second.id)
        #expect(try store.claimNext() == nil)
    }

    @Test("an owner's limit and the queue's limit refuse new jobs")
    func limits() async throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        for _ in 0..<2 { _ = try await store.enqueue(Self.job("alice"), perOwner: 2, total: 3).get() }
        guard case .failure(.ownerFull(2)) = try await store.enqueue(Self.job("alice"), perOwner: 2, total: 3) else {
            Issue.record("a third job of alice was queued"); return
        }
        _ = try await store.enqueue(Self.job("bob"), perOwner: 2, total: 3).get()
        guard case .failure(.queueFull(3)) = try await store.enqueue(Self.job("carol"), perOwner: 2, total: 3) else {
            Issue.record("a fourth job was queued"); return
        }
    }

    @Test("a deleted job is invisible to its owner and never taken")
    func deletion() async throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try await store.enqueue(Self.job("alice"), perOwner: 5, total: 5).get()
        #expect(try await store.markDeleted(id: job.id, owner: "bob") == nil)
        #expect(try await store.markDeleted(id: job.id, owner: "alice") == .created)
        #expect(try await store.job(id: job.id, owner: "alice") == nil)
        #expect(try store.claimNext() == nil)
        #expect(try store.deletedJobs() == [job.id])
    }

    @Test("the queue survives closing and reopening the database")
    func durability() async throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try await store.enqueue(Self.job(), perOwner: 5, total: 5).get()
        _ = try store.claimNext()
        let reopened = try JobStore(file: folder.appendingPathComponent("queue.sqlite"))
        #expect(try reopened.requeueInterrupted() == [job.id])
        #expect(try reopened.claimNext()?.attempt == 2)
    }
}
