import Foundation
import OratorCore
import OratorRender
import OratorTestSupport

/// A small hand-made avatar pack, written the way an artist would: a 64x64 base picture,
/// flat-coloured mouth sprites A-F and a closed-eyes sprite, no head layer.
struct TinyPack {
    let folder: TemporaryFolder
    var manifest: [String: Any]

    var url: URL { folder.url }

    init() throws {
        folder = try TemporaryFolder("render")
        try Self.writeImage(width: 64, height: 64, colour: (200, 220, 230), to: folder.url.appendingPathComponent("base.png"))
        try Self.writeImage(width: 24, height: 8, colour: (60, 40, 30), to: folder.url.appendingPathComponent("eyes.png"))
        var mouths: [String: String] = [:]
        for (index, shape) in ["A", "B", "C", "D", "E", "F"].enumerated() {
            let value = UInt8(30 + index * 40)
            try Self.writeImage(width: 16, height: 4 + index * 2, colour: (value, 255 - value, 90),
                                to: folder.url.appendingPathComponent("m\(shape).png"))
            mouths[shape] = "m\(shape).png"
        }
        manifest = [
            "format": "orator-avatar-pack", "version": 1, "name": "tiny", "base": "base.png",
            "eyesClosed": "eyes.png", "mouths": mouths,
            "anchors": ["mouth": ["x": 32, "y": 44], "eyes": ["x": 32, "y": 24], "pivot": ["x": 32, "y": 60]],
        ]
        try save()
    }

    /// Writes the manifest as it now stands.
    func save() throws {
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted])
        try data.write(to: url.appendingPathComponent("avatar.json"))
    }

    /// Writes an opaque PNG filled with one colour.
    static func writeImage(width: Int, height: Int, colour: (UInt8, UInt8, UInt8), to url: URL) throws {
        var frame = FrameBuffer(size: FrameSize(width: width, height: height))
        for index in stride(from: 0, to: frame.pixels.count, by: 4) {
            frame.pixels[index] = colour.2
            frame.pixels[index + 1] = colour.1
            frame.pixels[index + 2] = colour.0
        }
        try FramePNG.write(frame, to: url)
    }
}
