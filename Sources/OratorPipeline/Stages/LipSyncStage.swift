import Foundation
import OratorCore
import OratorLipSync

/// Stage `lipsync`: a recording (and optionally its transcript) -> `timeline.json`, by forced
/// alignment of the transcript or, without one, of the recognized words (or phones); `warnings.json` lists what the
/// analysis found doubtful (a transcript that does not match, for example).
public struct LipSyncStage: Sendable {
    public static let name = "lipsync"
    public static let version = 2
    /// Warnings for the user, a JSON list of strings.
    public static let warnings = "warnings.json"

    public var transcript: String?
    public var configuration: LipSyncConfiguration

    public init(transcript: String?, configuration: LipSyncConfiguration = LipSyncConfiguration()) {
        self.transcript = transcript
        self.configuration = configuration
    }

    public func key(audio: URL) throws(OratorError) -> CacheKey {
        CacheKey(stage: Self.name, version: Self.version, parts: [
            try .file("audio", audio), try .value("transcript", transcript ?? ""), try .value("configuration", configuration),
        ])
    }

    /// Analyzes `audio` into `folder`.
    public func run(audio: URL, into folder: URL) throws(OratorError) {
        let result = try LipSyncEngine(configuration: configuration).analyze(audioURL: audio, transcript: transcript)
        try StageFiles.writeJSON(result.timeline, to: folder.appendingPathComponent(StageFiles.timeline))
        try StageFiles.writeJSON(result.warnings, to: folder.appendingPathComponent(Self.warnings))
    }

    /// Reads a transcript file; unreadable or non-UTF-8 files are errors naming it.
    /// Pipes are read as streams, up to `InputLimits.textBytes`.
    public static func readTranscript(_ url: URL) throws(OratorError) -> String {
        try InputFile.readText(url, role: "transcript", limit: InputLimits.textBytes)
    }
}
