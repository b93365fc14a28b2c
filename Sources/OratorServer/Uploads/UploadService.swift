import Foundation
import Synchronization
import Hummingbird
import OratorCore
import OratorFace

/// `POST /images` and `POST /audios`: receive the body (bounded, checked by its bytes), look at
/// it (an image's upright size and faces; a recording's length, by ffprobe), then publish it
/// under a server-made id in `uploads/`.
struct UploadService: Sendable {
    let folders: ServerFolders
    let store: JobStore
    let limits: ServerConfiguration.Limits
    let faces: FaceService

    func receive(_ request: Request, kind: UploadReceiver.Kind, owner: String) async throws -> UploadRow {
        let limit = kind == .image ? limits.imageBytes : limits.audioBytes
        let incoming = folders.incomingFile()
        let received = try await UploadReceiver(kind: kind, limit: limit, destination: incoming).receive(request)
        do {
            let id = ResourceID(new: kind == .image ? .image : .audio)
            var row = UploadRow(id: id.value, kind: kind == .image ? "image" : "audio", owner: owner, file: "", contentType: "",
                                bytes: received.bytes, createdAt: Date().timeIntervalSince1970)
            switch kind {
            case .image:
                guard let format = MediaSniffer.imageFormat(of: received.prefix) else { throw APIError.unsupported("not an image") }
                let survey = try await faces.survey(incoming)
                row.contentType = format.mimeType
                row.file = "\(id.value).\(format.fileExtension)"
                row.width = survey.width
                row.height = survey.height
                row.faces = JobStore.json(survey.faces)
            case .audio:
                guard let format = MediaSniffer.audioFormat(of: received.prefix) else { throw APIError.unsupported("not a recording") }
                let duration = try await Self.duration(of: incoming)
                guard duration <= limits.audioSeconds else {
                    throw APIError.tooLarge("the recording is \(Int(duration.rounded())) s long, over this server's limit of \(Int(limits.audioSeconds)) s")
                }
                row.contentType = format.mimeType
                row.file = "\(id.value).\(format.fileExtension)"
                row.duration = duration
            }
            guard rename(incoming.path, folders.upload(file: row.file).path) == 0 else {
                throw OratorError(.unwritableOutput, "cannot store upload \(row.id) in \(folders.uploads.path)")
            }
            do { try await store.insert(row) } catch {
                try? FileManager.default.removeItem(at: folders.upload(file: row.file))
                throw error
            }
            return row
        } catch {
            try? FileManager.default.removeItem(at: incoming)
            throw error
        }
    }

    /// The recording's length by ffprobe; a file ffprobe cannot read is 422.
    static func duration(of file: URL) async throws -> Double {
        let ffprobe = try ExternalTool.locate("ffprobe")
        let output: Data
        do {
            output = try await ChildProcess.run(ffprobe, ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", file.path],
                                                errorCode: .decodeFailed, what: "reading the recording's length")
        } catch {
            throw APIError.invalid("the audio does not decode: \(error.cause ?? error.message)")
        }
        guard let text = String(data: output, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              let seconds = Double(text), seconds.isFinite, seconds > 0 else {
            throw APIError.invalid("the audio has no readable length (is it a recording?)")
        }
        return seconds
    }
}

/// Face detection for uploads: one dlib detector, loaded on first use, run off the shared threads.
final class FaceService: Sendable {
    private let analyzer = Mutex<FaceAnalyzer?>(nil)

    struct Survey: Sendable {
        var width: Int
        var height: Int
        var faces: [FaceRect]
    }

    func survey(_ file: URL) async throws -> Survey {
        try await Offload.run("orator-faces") { () throws -> Survey in
            let detector = try self.analyzer.withLock { current throws(OratorError) -> FaceAnalyzer in
                if let current { return current }
                let made = try FaceAnalyzer()
                current = made
                return made
            }
            do throws(OratorError) {
                let found = try detector.survey(imageAt: file)
                let faces = found.faces.map { face in
                    FaceRect(x: Int(face.box.left.rounded()), y: Int(face.box.top.rounded()),
                             width: Int(face.box.width.rounded()), height: Int(face.box.height.rounded()))
                }
                return Survey(width: found.width, height: found.height, faces: faces)
            } catch {
                if error.message.contains("megapixels") { throw APIError.tooLarge(error.message.replacingOccurrences(of: file.path, with: "the upload")) }
                throw APIError.invalid(error.message.replacingOccurrences(of: file.path, with: "the upload"))
            }
        }
    }
}
