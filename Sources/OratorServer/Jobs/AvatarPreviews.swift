import Foundation
import OratorCore
import OratorFace
import OratorPipeline
import Synchronization

/// Pictures of the avatars `GET /avatars` offers (`/avatars/{id}/preview.png`): one neutral
/// frame at 256x256 drawn by the same renderer a job uses, made on first request and kept.
final class AvatarPreviews: Sendable {
    private let avatarsFolder: URL?
    private let engines: Engines
    private let made = Mutex<[String: Data]>([:])
    static let size = FrameSize(square: 256)

    init(avatarsFolder: URL?, engines: Engines) {
        self.avatarsFolder = avatarsFolder
        self.engines = engines
    }

    /// The PNG of avatar `id`, or nil when there is no such avatar.
    func png(for id: String) async throws -> Data? {
        if let data = made.withLock({ $0[id] }) { return data }
        let source: AvatarSource
        if id == "builtin" {
            source = .builtin
        } else if let avatarsFolder, JobPlanner.isPlainName(id), AvatarDirectory.packs(in: avatarsFolder).contains(where: { $0.id == id }) {
            source = .pack(avatarsFolder.appendingPathComponent(id))
        } else {
            return nil
        }
        let engines = self.engines
        let data = try await Offload.run("orator-preview") { () throws -> Data in
            let renderer = try engines.renderer(source, Self.size)
            var frame = FrameBuffer(size: renderer.size)
            try renderer.render(MotionFrame(), into: &frame)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("orator-preview-\(UUID().uuidString).png")
            defer { try? FileManager.default.removeItem(at: file) }
            try FrameImageWriter.write(frame, to: file)
            return try Data(contentsOf: file)
        }
        made.withLock { $0[id] = data }
        return data
    }
}
