import Foundation
import GRDB
import OratorCore

/// The durable queue: jobs and uploads in SQLite (GRDB, WAL mode), so that jobs survive a
/// restart or a `kill -9`. Every state change is one transaction; a completion names the attempt
/// it belongs to, so a job taken again after a crash can never be completed twice.
final class JobStore: Sendable {
    private let database: DatabasePool

    init(file: URL) throws(OratorError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: file.path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw OratorError(.unwritableOutput, "cannot open the queue database \(file.path)", cause: "\(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "job") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("id", .text).notNull().unique()
                t.column("object", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("status", .text).notNull()
                t.column("createdAt", .double).notNull()
                t.column("startedAt", .double)
                t.column("finishedAt", .double)
                t.column("modifiedAt", .double).notNull()
                t.column("attempt", .integer).notNull().defaults(to: 0)
                t.column("echo", .text).notNull()
                t.column("spec", .text).notNull()
                t.column("duration", .double)
                t.column("errorKind", .text)
                t.column("errorDescription", .text)
                t.column("captions", .text)
                t.column("webhookState", .text).notNull().defaults(to: "none")
                t.column("deleted", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "job_status", on: "job", columns: ["status", "seq"])
            try db.create(index: "job_owner", on: "job", columns: ["owner", "seq"])
            try db.create(table: "upload") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("file", .text).notNull()
                t.column("contentType", .text).notNull()
                t.column("bytes", .integer).notNull()
                t.column("width", .integer)
                t.column("height", .integer)
                t.column("faces", .text)
                t.column("duration", .double)
                t.column("createdAt", .double).notNull()
            }
        }
        return migrator
    }

    /// Why a job was not queued.
    enum Refusal: Error {
        case ownerFull(Int)
        case queueFull(Int)
    }

    // MARK: Jobs

    /// Queues `job` unless its owner already has `perOwner` jobs waiting or running, or the
    /// queue holds `total`.
    func enqueue(_ job: JobRow, perOwner: Int, total: Int) async throws -> Result<JobRow, Refusal> {
        try await database.write { db in
            let active = "status IN ('created', 'started') AND deleted = 0"
            let mine = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job WHERE owner = ? AND \(active)", arguments: [job.owner]) ?? 0
            if mine >= perOwner { return .failure(.ownerFull(perOwner)) }
            let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job WHERE \(active)") ?? 0
            if all >= total { return .failure(.queueFull(total)) }
            var row = job
            try row.insert(db)
            return .success(row)
        }
    }

    /// Takes the oldest queued job: `started`, its attempt counted.
    func claimNext(now: Date = Date()) throws -> JobRow? {
        try database.write { db in
            guard var row = try JobRow.fetchOne(db, sql: "SELECT * FROM job WHERE status = 'created' AND deleted = 0 ORDER BY seq LIMIT 1") else {
                return nil
            }
            row.status = .started
            row.startedAt = now.timeIntervalSince1970
            row.modifiedAt = now.timeIntervalSince1970
            row.attempt += 1
            try row.update(db)
            return row
        }
    }

    /// Ends attempt `attempt` of job `id`; false (and nothing changed) when the job is no longer
    /// that attempt's (it was deleted, or taken again).
    func finish(id: String, attempt: Int, status: JobStatus, duration: Double? = nil, error: (kind: String, description: String)? = nil,
                captions: [String] = [], now: Date = Date()) throws -> Bool {
        try database.write { db in
            try db.execute(sql: """
                UPDATE job SET status = ?, finishedAt = ?, modifiedAt = ?, duration = ?, errorKind = ?, errorDescription = ?,
                  captions = ?, webhookState = CASE WHEN webhookState = 'none' THEN 'none' ELSE 'pending' END
                WHERE id = ? AND attempt = ? AND status = 'started' AND deleted = 0
                """, arguments: [status.rawValue, now.timeIntervalSince1970, now.timeIntervalSince1970, duration, error?.kind,
                                 error?.description, Self.json(captions), id, attempt])
            return db.changesCount == 1
        }
    }

    /// Puts every `started` job back in the queue (start-up after a stop or crash); their ids.
    func requeueInterrupted() throws -> [String] {
        try database.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM job WHERE status = 'started' AND deleted = 0")
            try db.execute(sql: "UPDATE job SET status = 'created', startedAt = NULL WHERE status = 'started' AND deleted = 0")
            return ids
        }
    }

    func job(id: String, owner: String) async throws -> JobRow? {
        try await database.read { db in
            try JobRow.fetchOne(db, sql: "SELECT * FROM job WHERE id = ? AND owner = ? AND deleted = 0", arguments: [id, owner])
        }
    }

    func job(id: String) throws -> JobRow? {
        try database.read { db in try JobRow.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id]) }
    }

    /// `owner`'s jobs, newest first, `limit` of them with `seq` below `before`.
    func jobs(owner: String, limit: Int, before: Int64?) async throws -> [JobRow] {
        try await database.read { db in
            try JobRow.fetchAll(db, sql: "SELECT * FROM job WHERE owner = ? AND deleted = 0 AND seq < ? ORDER BY seq DESC LIMIT ?",
                                arguments: [owner, before ?? Int64.max, limit])
        }
    }

    /// Marks `owner`'s job deleted; its status then, or nil when there is no such job.
    func markDeleted(id: String, owner: String) async throws -> JobStatus? {
        try await database.write { db in
            guard let row = try JobRow.fetchOne(db, sql: "SELECT * FROM job WHERE id = ? AND owner = ? AND deleted = 0",
                                                arguments: [id, owner]) else { return nil }
            try db.execute(sql: "UPDATE job SET deleted = 1, modifiedAt = ? WHERE id = ?", arguments: [Date().timeIntervalSince1970, id])
            return row.status
        }
    }

    /// Removes a deleted job's row.
    func remove(id: String) throws {
        try database.write { db in _ = try db.execute(sql: "DELETE FROM job WHERE id = ?", arguments: [id]) }
    }

    /// Deleted jobs no worker holds any more (start-up clean-up).
    func deletedJobs() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT id FROM job WHERE deleted = 1") }
    }

    /// Jobs waiting and running.
    func counts() async throws -> (queued: Int, running: Int) {
        try await database.read { db in
            let queued = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job WHERE status = 'created' AND deleted = 0") ?? 0
            let running = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job WHERE status = 'started' AND deleted = 0") ?? 0
            return (queued, running)
        }
    }

    /// Finished jobs whose webhook is still to be delivered.
    func pendingWebhooks() throws -> [JobRow] {
        try database.read { db in try JobRow.fetchAll(db, sql: "SELECT * FROM job WHERE webhookState = 'pending' AND deleted = 0") }
    }

    func setWebhookState(id: String, _ state: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE job SET webhookState = ? WHERE id = ?", arguments: [state, id])
        }
    }

    /// Finished jobs that ended before `date`.
    func finishedJobs(before date: Date) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM job WHERE status IN ('done', 'error', 'rejected') AND finishedAt < ?",
                                arguments: [date.timeIntervalSince1970])
        }
    }

    // MARK: Uploads

    func insert(_ upload: UploadRow) async throws {
        try await database.write { db in try upload.insert(db) }
    }

    func upload(id: String, owner: String) async throws -> UploadRow? {
        try await database.read { db in
            try UploadRow.fetchOne(db, sql: "SELECT * FROM upload WHERE id = ? AND owner = ?", arguments: [id, owner])
        }
    }

    /// Uploads made before `date`; they are deleted with their rows.
    func uploads(before date: Date) throws -> [UploadRow] {
        try database.read { db in
            try UploadRow.fetchAll(db, sql: "SELECT * FROM upload WHERE createdAt < ?", arguments: [date.timeIntervalSince1970])
        }
    }

    func removeUpload(id: String) throws {
        try database.write { db in _ = try db.execute(sql: "DELETE FROM upload WHERE id = ?", arguments: [id]) }
    }

    static func json(_ value: some Encodable) -> String {
        (try? String(data: JSONEncoder().encode(value), encoding: .utf8)) ?? "null"
    }
}
