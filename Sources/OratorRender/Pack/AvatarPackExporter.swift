import Foundation
import OratorCore

/// Writes the built-in presenter as an avatar pack: a complete, valid template an artist can
/// repaint, and a real pack for tests.
///
/// The pack holds the background and shoulders (`base.png`), the head without a mouth and
/// with open eyes (`head.png`), nine transparent mouth sprites drawn from the given poses
/// (`mouth-A.png` ... `mouth-X.png`), smiling and frowning sets of them (`smile-mouth-A.png`,
/// `frown-mouth-A.png`, ...), the closed lids (`eyes-closed.png`) and `avatar.json`.
public struct AvatarPackExporter: Sendable {
    /// The presenter's colours.
    public let style: BuiltinAvatarStyle
    /// The size of the base picture (make it the video's size for a pack that fills the frame).
    public let size: FrameSize
    /// The face for each mouth shape; all nine shapes are needed.
    public let mouthPoses: [MouthShape: MotionFrame]

    /// An exporter; `mouthPoses` gives the motion coefficients drawn for each mouth shape
    /// (normally the motion stage's `MouthPose` table).
    public init(style: BuiltinAvatarStyle = BuiltinAvatarStyle(), size: FrameSize = FrameSize(square: 512),
                mouthPoses: [MouthShape: MotionFrame]) throws(OratorError) {
        let missing = MouthShape.allCases.filter { mouthPoses[$0] == nil }
        guard missing.isEmpty else {
            throw OratorError(.invalidInput, "cannot export an avatar pack without poses for mouth shapes "
                + missing.map(\.rawValue).joined(separator: ", "))
        }
        self.style = style
        self.size = size
        self.mouthPoses = mouthPoses
    }

    /// File name of the sprite for `shape`.
    public static func mouthFileName(_ shape: MouthShape) -> String { "mouth-\(shape.rawValue).png" }

    /// Writes the pack into `folder`, which must not exist yet or be empty. The pack is
    /// assembled beside it and moved into place only when complete.
    public func export(to folder: URL) throws(OratorError) {
        let manager = FileManager.default
        if let contents = try? manager.contentsOfDirectory(atPath: folder.path), !contents.isEmpty {
            throw OratorError(.unwritableOutput, "\(folder.path) is not empty: export the avatar pack into a new folder")
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OratorError(.unwritableOutput, "\(folder.path) is a file: export the avatar pack into a new folder")
        }
        let staging = try AtomicOutput(destination: folder, folder: true).temporary
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OratorError(.unwritableOutput, "cannot create \(staging.path)", cause: "\(error)")
        }
        do throws(OratorError) {
            try writePack(into: staging)
            // rename(2) replaces an empty folder in one step.
            guard rename(staging.path, folder.path) == 0 else {
                throw OratorError(.unwritableOutput, "cannot move the avatar pack into \(folder.path)",
                                  cause: String(cString: strerror(errno)))
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    private func writePack(into folder: URL) throws(OratorError) {
        let renderer = try BuiltinAvatarRenderer(size: size, style: style)
        let layout = renderer.layout
        func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

        // The still parts, with the chin's shadow on the neck at rest.
        var base = renderer.backdrop
        try renderer.draw(.rest, parts: .neckShadow, into: &base)
        try PixelImage(width: size.width, height: size.height, pixels: base).writePNG(to: file("base.png"))
        let centre = (x: Double(size.width) / 2, y: Double(size.height) / 2)
        try renderer.paintLayer(.rest, parts: .face.union(.eyes), width: size.width, height: size.height,
                                centreX: centre.x, centreY: centre.y).writePNG(to: file("head.png"))

        let mouth = layout.framePoint(Anatomy.headX, Anatomy.mouthY)
        let mouthWidth = 2 * Int((layout.pixels(90)).rounded(.up))
        let mouthHeight = 2 * Int((layout.pixels(92)).rounded(.up))
        var mouths: [MouthShape: String] = [:]
        var expressions: [PackExpression: PackExpressionFiles] = [:]
        // The plain mouths, then a smiling and a frowning set (the pack's expression mouths).
        for (expression, prefix) in [(nil, ""), (PackExpression.smile, "smile-"), (.frown, "frown-")] {
            for shape in MouthShape.allCases {
                // The pose's head and eyes are irrelevant to a mouth sprite: draw the mouth at rest.
                var pose = mouthPoses[shape] ?? .rest
                pose.headYaw = 0
                pose.headPitch = 0
                pose.headRoll = 0
                pose.translateX = 0
                pose.translateY = 0
                if expression == .smile { pose.smile = 1 }
                if expression == .frown { pose.mouthFrown = 0.85 }
                let name = prefix + Self.mouthFileName(shape)
                try renderer.paintLayer(pose, parts: .mouth, width: mouthWidth, height: mouthHeight,
                                        centreX: mouth.x, centreY: mouth.y).writePNG(to: file(name))
                if let expression { expressions[expression, default: PackExpressionFiles()].mouths[shape] = name } else { mouths[shape] = name }
            }
        }

        let eyes = layout.framePoint(Anatomy.headX, Anatomy.eyeY)
        try renderer.paintLayer(MotionFrame(blinkLeft: 1, blinkRight: 1), parts: .closedLids,
                                width: 2 * Int(layout.pixels(112).rounded(.up)), height: 2 * Int(layout.pixels(40).rounded(.up)),
                                centreX: eyes.x, centreY: eyes.y).writePNG(to: file("eyes-closed.png"))

        let pivot = layout.framePoint(Anatomy.pivotX, Anatomy.pivotY)
        // Anchors to a hundredth of a pixel keep the manifest readable.
        func point(_ p: (x: Double, y: Double)) -> AvatarPoint {
            AvatarPoint(x: (p.x * 100).rounded() / 100, y: (p.y * 100).rounded() / 100)
        }
        let manifest = AvatarPackManifest(
            name: "Orator presenter", base: "base.png", head: "head.png", eyesClosed: "eyes-closed.png",
            mouths: mouths, mouth: point(mouth), eyes: point(eyes), pivot: point(pivot), background: style.backgroundTop.mixed(with: style.backgroundBottom, 0.5),
            expressions: expressions)
        do {
            try manifest.json().write(to: file(AvatarPackManifest.fileName))
        } catch {
            throw OratorError(.unwritableOutput, "cannot write \(file(AvatarPackManifest.fileName).path)", cause: "\(error)")
        }
    }
}
