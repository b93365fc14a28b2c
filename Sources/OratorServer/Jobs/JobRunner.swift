import Foundation
import OratorCaptions
import OratorCore
import OratorPipeline

/// Runs one job's pipeline in-process, blocking the calling thread: the same validated job the
/// CLI makes from its flags (`SettingsResolver` over the server's layer and the request's),
/// with stage outputs in the server's content cache, so a job run again after a crash reuses
/// what its first attempt finished.
struct JobRunner: Sendable {
    let folders: ServerFolders
    let board: ProgressBoard
    let engines: Engines
    /// Threads a neural voice may use in one job: the cores shared among the workers.
    var speechThreads = 1

    /// How a run ended.
    enum Outcome: Sendable {
        case done(duration: Double, captions: [String])
        /// The input could not be made into a video (`rejected`) or the run failed (`error`).
        case failed(JobStatus, kind: String, description: String)
        case cancelled
    }

    func run(_ row: JobRow) -> Outcome {
        guard let id = ResourceID(row.id, kind: .talk) else {
            return .failed(.error, kind: "InternalServerError", description: "job \(row.id) has an invalid id")
        }
        let folder = folders.job(id)
        do {
            let spec = try JSONDecoder().decode(JobSpec.self, from: Data(row.spec.utf8))
            var settings = spec.settings
            settings.base = folder
            let serverLayer = SettingsLayer(speechThreads: speechThreads, cache: folders.cache.path)
            let resolved = try SettingsResolver().resolve([serverLayer, settings])
            var request = CreateRequest(speech: try speech(spec, folder: folder), output: folder.appendingPathComponent("result.mp4"),
                                        settings: resolved)
            request.expressions = spec.expressions.map { folder.appendingPathComponent($0) }
            try request.episode.addCaptions(spec.captions, option: "config.captions")
            // Chunks of 10 s at 25 fps: the unit a cancelled or interrupted job stops and resumes at.
            request.framesPerChunk = 250
            let cache = try resolved.cache.map { folder throws(OratorError) in try ContentCache(root: folder) }
            board.update(row.id, fraction: 0.01, stage: "starting")
            let summary = try TalkingHeadPipeline(engines: engines)
                .create(request, cache: cache, progress: JobProgressReporter(id: row.id, board: board))
            let written = spec.captions.filter {
                $0 != "burn" && FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.\($0)").path)
            }
            return .done(duration: summary.videoSeconds, captions: written)
        } catch let error as OratorError {
            if error.code == .cancelled { return .cancelled }
            return .failed(Self.status(for: error.code), kind: Self.kind(for: error.code),
                           description: error.description.replacingOccurrences(of: folder.path + "/", with: ""))
        } catch {
            return .failed(.error, kind: "InternalServerError", description: "\(error)")
        }
    }

    private func speech(_ spec: JobSpec, folder: URL) throws(OratorError) -> SpeechSource {
        if let script = spec.script { return .script(folder.appendingPathComponent(script)) }
        guard let recording = spec.recording else { throw OratorError(.internalFailure, "the job names no script and no recording") }
        return .recording(folder.appendingPathComponent(recording), transcript: spec.transcript.map { folder.appendingPathComponent($0) })
    }

    /// Input the pipeline could not use is `rejected`; a failure of the machine or of Orator is `error`.
    static func status(for code: OratorError.Code) -> JobStatus {
        switch code {
        case .invalidInput, .fileNotFound, .unreadableFile, .emptyScript, .invalidAvatar, .noFaceFound, .decodeFailed: .rejected
        default: .error
        }
    }

    static func kind(for code: OratorError.Code) -> String {
        switch code {
        case .noFaceFound: "FaceError"
        case .decodeFailed: "DecodeError"
        case .invalidInput, .fileNotFound, .unreadableFile, .emptyScript, .invalidAvatar: "ValidationError"
        case .speechFailed: "SpeechError"
        case .renderFailed, .encoderFailed: "RenderError"
        default: "InternalServerError"
        }
    }
}
