import Foundation
import OratorCore

/// An avatar an artist draws without code: a folder with an `avatar.json` manifest and PNG
/// sprites (a base picture, one mouth per shape, closed eyes, and optionally a head layer).
/// See docs/avatar-packs.md for the format.
public struct AvatarPack: Sendable {
    /// The pack's name from its manifest.
    public let name: String
    /// The folder it was loaded from.
    public let folder: URL
    /// The base picture's size in pixels; anchors are in these pixels.
    public let canvasSize: FrameSize
    /// Centre of the mouth: mouth sprites are drawn centred here.
    public let mouthAnchor: AvatarPoint
    /// Centre of the eyes: the closed-eyes sprite is drawn centred here.
    public let eyesAnchor: AvatarPoint
    /// Where the head turns when it tilts (the neck).
    public let pivot: AvatarPoint
    /// The colour around the base picture when a frame's shape differs from it.
    public let background: RGBColor
    /// The mouth shapes the pack draws itself; the others use `fallback(for:)`.
    public let suppliedShapes: [MouthShape]

    let base: PixelImage
    let head: PixelImage?
    let eyesClosed: PixelImage
    let mouths: [MouthShape: PixelImage]
    /// Expression mouths and overlays (optional; see `PackExpression`).
    let expressionMouths: [PackExpression: [MouthShape: PixelImage]]
    let expressionOverlays: [PackExpression: PixelImage]

    /// The basic shape drawn in place of an optional one a pack leaves out, as Rhubarb Lip Sync
    /// does: G (F, V) becomes B, H (L) becomes C and X (rest) becomes A. Basic shapes map to
    /// themselves.
    public static func fallback(for shape: MouthShape) -> MouthShape {
        switch shape {
        case .g: .b
        case .h: .c
        case .x: .a
        default: shape
        }
    }

    /// The shape whose sprite is drawn for `shape` in this pack.
    public func drawnShape(for shape: MouthShape) -> MouthShape {
        mouths[shape] != nil ? shape : Self.fallback(for: shape)
    }

    /// Loads and checks the pack in `folder`; every problem is reported with the file at fault.
    public static func load(from folder: URL) throws(OratorError) -> AvatarPack {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw OratorError(.invalidAvatar, "avatar pack \(folder.path) does not exist")
        }
        guard isDirectory.boolValue else {
            throw OratorError(.invalidAvatar, "avatar pack \(folder.path) is not a folder (a pack is a folder with avatar.json and PNG sprites)")
        }
        let manifestURL = folder.appendingPathComponent(AvatarPackManifest.fileName)
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            let exists = FileManager.default.fileExists(atPath: manifestURL.path)
            throw OratorError(.invalidAvatar, "\(manifestURL.path): " + (exists ? "cannot be read"
                : "missing (an avatar pack folder holds avatar.json and PNG sprites; see docs/avatar-packs.md)"))
        }
        let manifest = try AvatarPackManifest(json: data, file: manifestURL.path)
        return try AvatarPack(manifest: manifest, folder: folder)
    }

    init(manifest: AvatarPackManifest, folder: URL) throws(OratorError) {
        func image(_ file: String, _ key: String) throws(OratorError) -> PixelImage {
            let url = folder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw OratorError(.invalidAvatar, "\(url.path): missing (avatar.json names it as '\(key)')")
            }
            let loaded = try PixelImage.load(from: url, code: .invalidAvatar)
            guard loaded.width <= 8192, loaded.height <= 8192 else {
                throw OratorError(.invalidAvatar, "\(url.path): \(loaded.width)x\(loaded.height) is too large (at most 8192 pixels a side)")
            }
            return loaded
        }
        let base = try image(manifest.base, "base")
        let head = try manifest.head.map { (file: String) throws(OratorError) -> PixelImage in try image(file, "head") }
        if let head, head.width != base.width || head.height != base.height {
            throw OratorError(.invalidAvatar, "\(folder.appendingPathComponent(manifest.head ?? "").path): "
                + "the head layer is \(head.width)x\(head.height) but the base is \(base.width)x\(base.height); they must match")
        }
        var mouths: [MouthShape: PixelImage] = [:]
        for (shape, file) in manifest.mouths.sorted(by: { $0.key < $1.key }) {
            mouths[shape] = try image(file, "mouths.\(shape.rawValue)")
        }
        let manifestPath = folder.appendingPathComponent(AvatarPackManifest.fileName).path
        for (key, point) in [("mouth", manifest.mouth), ("eyes", manifest.eyes), ("pivot", manifest.pivot)] {
            guard (0...Double(base.width)).contains(point.x), (0...Double(base.height)).contains(point.y) else {
                throw OratorError(.invalidAvatar, "\(manifestPath): anchor '\(key)' (\(point.x), \(point.y)) lies outside "
                    + "the \(base.width)x\(base.height) base picture \(manifest.base)")
            }
        }
        self.name = manifest.name
        self.folder = folder
        self.canvasSize = FrameSize(width: base.width, height: base.height)
        self.mouthAnchor = manifest.mouth
        self.eyesAnchor = manifest.eyes
        self.pivot = manifest.pivot
        self.background = manifest.background ?? base.colour(atX: 0, y: 0)
        self.suppliedShapes = mouths.keys.sorted()
        self.base = base
        self.head = head
        self.eyesClosed = try image(manifest.eyesClosed, "eyesClosed")
        self.mouths = mouths
        var expressionMouths: [PackExpression: [MouthShape: PixelImage]] = [:]
        var expressionOverlays: [PackExpression: PixelImage] = [:]
        for (expression, files) in manifest.expressions.sorted(by: { $0.key < $1.key }) {
            for (shape, file) in files.mouths.sorted(by: { $0.key < $1.key }) {
                expressionMouths[expression, default: [:]][shape] = try image(file, "expressions.\(expression.rawValue).mouths.\(shape.rawValue)")
            }
            if let overlay = files.overlay { expressionOverlays[expression] = try image(overlay, "expressions.\(expression.rawValue).overlay") }
        }
        self.expressionMouths = expressionMouths
        self.expressionOverlays = expressionOverlays
    }
}
