import Foundation

/// The avatars `GET /avatars` offers: the built-in presenter and the packs (folders with an
/// `avatar.json`) in `--avatars`.
enum AvatarDirectory {
    struct Avatar: Codable, Sendable {
        var id: String
        var name: String
        var kind: String
        /// A 256x256 picture of it (`GET`, no key needed).
        var previewURL: String

        init(id: String, name: String, kind: String) {
            self.id = id
            self.name = name
            self.kind = kind
            previewURL = "/avatars/\(id)/preview.png"
        }

        enum CodingKeys: String, CodingKey { case id, name, kind, previewURL = "preview_url" }
    }

    static func packs(in folder: URL) -> [Avatar] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            guard JobPlanner.isPlainName(name),
                  FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).appendingPathComponent("avatar.json").path)
            else { return nil }
            return Avatar(id: name, name: name.replacingOccurrences(of: "-", with: " ").capitalized, kind: "pack")
        }
    }

    static func all(packsIn folder: URL?) -> [Avatar] {
        [Avatar(id: "builtin", name: "Built-in presenter", kind: "builtin")] + (folder.map(packs) ?? [])
    }
}
