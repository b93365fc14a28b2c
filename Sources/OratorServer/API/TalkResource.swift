import Foundation

/// A job as `GET /talks/{id}` shows it, in D-ID's field names plus Orator's `progress` and
/// `stage`. Absent values are `null`, never missing keys.
struct TalkResource: Encodable, Sendable {
    var id: String
    var object: String
    var name: String?
    var status: String
    var createdAt: String
    var startedAt: String?
    var modifiedAt: String
    var sourceURL: String?
    var audioURL: String?
    var userData: String?
    var webhook: String?
    var config: TalkConfig?
    var progress: Double
    var stage: String?
    var resultURL: String?
    var duration: Double?
    var captions: [String: String]
    var error: [String: String]?
    var ignored: [String]

    enum CodingKeys: String, CodingKey {
        case id, object, name, status, createdAt = "created_at", startedAt = "started_at", modifiedAt = "modified_at"
        case sourceURL = "source_url", audioURL = "audio_url", userData = "user_data", webhook, config, progress, stage
        case resultURL = "result_url", duration, captions, error, ignored
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(object, forKey: .object)
        try c.encode(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(modifiedAt, forKey: .modifiedAt)
        try c.encode(sourceURL, forKey: .sourceURL)
        try c.encode(audioURL, forKey: .audioURL)
        try c.encode(userData, forKey: .userData)
        try c.encode(webhook, forKey: .webhook)
        try c.encode(config, forKey: .config)
        try c.encode(progress, forKey: .progress)
        try c.encode(stage, forKey: .stage)
        try c.encode(resultURL, forKey: .resultURL)
        try c.encode(duration, forKey: .duration)
        try c.encode(captions, forKey: .captions)
        try c.encode(error, forKey: .error)
        try c.encode(ignored, forKey: .ignored)
    }

    /// The resource of `row`, with live progress from `board` and result links signed by `signer` under `base`.
    init(_ row: JobRow, board: ProgressBoard, signer: URLSigner, base: String) {
        let echo = (try? JSONDecoder().decode(TalkEcho.self, from: Data(row.echo.utf8)))
            ?? TalkEcho(name: nil, sourceURL: nil, audioURL: nil, userData: nil, webhook: nil, config: nil, ignored: [])
        id = row.id
        object = row.object
        name = echo.name
        status = row.status.rawValue
        createdAt = Timestamp.text(row.createdAt)
        startedAt = row.startedAt.map(Timestamp.text)
        modifiedAt = Timestamp.text(row.modifiedAt)
        sourceURL = echo.sourceURL
        audioURL = echo.audioURL
        userData = echo.userData
        webhook = echo.webhook
        config = echo.config
        ignored = echo.ignored
        let live = board.entry(row.id)
        switch row.status {
        case .done: progress = 1; stage = "done"
        case .created: progress = 0; stage = "queued"
        case .started: progress = live?.fraction ?? 0; stage = live?.stage ?? "starting"
        case .error, .rejected: progress = live?.fraction ?? 0; stage = nil
        }
        captions = [:]
        if row.status == .done {
            let path = "/talks/\(row.id)/result.mp4"
            resultURL = base + path + "?" + signer.query(for: path)
            duration = row.duration
            let formats = (row.captions.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? []
            for format in formats {
                let captionPath = "/talks/\(row.id)/result.\(format)"
                captions[format] = base + captionPath + "?" + signer.query(for: captionPath)
            }
        }
        if let kind = row.errorKind { error = ["kind": kind, "description": row.errorDescription ?? ""] }
    }
}

/// ISO 8601 UTC with milliseconds, as D-ID writes times.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func text(_ seconds: Double) -> String {
        style.format(Date(timeIntervalSince1970: seconds))
    }
}
