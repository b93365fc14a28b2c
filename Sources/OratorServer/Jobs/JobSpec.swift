import Foundation
import OratorPipeline

/// What a worker runs for one job, stored with it: everything is inside the job's folder
/// (`DATA/jobs/ID/`) or named by the server itself (an avatar pack of `--avatars`).
struct JobSpec: Codable, Sendable {
    /// `talk` or `episode`.
    var object: String
    /// The script file (text talks, episodes), relative to the job folder.
    var script: String?
    /// The recording and its transcript (audio talks), relative to the job folder.
    var recording: String?
    var transcript: String?
    /// Expressions over time (`config.driver_expressions`, an `ExpressionFile`), relative to the job folder.
    var expressions: String?
    /// The settings the request asked for; relative paths are against the job folder.
    var settings: SettingsLayer
    /// Caption formats: `srt`, `vtt`, `burn`.
    var captions: [String]
}

/// What the talk resource echoes of the request.
struct TalkEcho: Codable, Sendable {
    var name: String?
    var sourceURL: String?
    var audioURL: String?
    var userData: String?
    var webhook: String?
    var config: TalkConfig?
    /// Request keys this server does not use.
    var ignored: [String]

    enum CodingKeys: String, CodingKey {
        case name, sourceURL = "source_url", audioURL = "audio_url", userData = "user_data", webhook, config, ignored
    }
}
