import Foundation
import GRDB

/// The states of a job, D-ID's names: `created` (queued), `started`, `done`, `error`, `rejected`.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case created, started, done, error, rejected

    /// Whether the job has ended.
    public var isFinal: Bool { self == .done || self == .error || self == .rejected }
}

/// One job in the queue database.
struct JobRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "job"

    /// Insertion order: the queue's order and the listing's.
    var seq: Int64?
    var id: String
    /// `talk` or `episode`.
    var object: String
    /// The API key's name ("" without keys).
    var owner: String
    var status: JobStatus
    var createdAt: Double
    var startedAt: Double?
    var finishedAt: Double?
    var modifiedAt: Double
    /// How many times a worker took the job; a completion must carry the latest.
    var attempt: Int
    /// What the client sent that the talk resource echoes (`TalkEcho` JSON).
    var echo: String
    /// What the worker runs (`JobSpec` JSON).
    var spec: String
    var duration: Double?
    var errorKind: String?
    var errorDescription: String?
    /// Caption formats written beside the result (JSON list).
    var captions: String?
    /// `none`, `pending`, `delivered` or `failed`.
    var webhookState: String
    /// Deleted by its owner; the row goes once no worker holds it.
    var deleted: Bool

    mutating func didInsert(_ inserted: InsertionSuccess) { seq = inserted.rowID }
}

/// One uploaded file.
struct UploadRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "upload"

    var id: String
    /// `image` or `audio`.
    var kind: String
    var owner: String
    /// File name inside `DATA/uploads`.
    var file: String
    var contentType: String
    var bytes: Int
    var width: Int?
    var height: Int?
    /// Detected faces (JSON list of boxes), images only.
    var faces: String?
    var duration: Double?
    var createdAt: Double
}
