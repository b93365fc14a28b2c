import Foundation
import OratorCore
import OratorRender
import OratorTestSupport
import Testing

@Suite("Avatar packs: expression sprites")
struct PackExpressionTests {
    /// The tiny pack with a smile mouth for A and a brows-up overlay.
    func pack() throws -> TinyPack {
        var pack = try TinyPack()
        try TinyPack.writeImage(width: 20, height: 6, colour: (250, 20, 20), to: pack.url.appendingPathComponent("smile-A.png"))
        try TinyPack.writeImage(width: 30, height: 4, colour: (10, 10, 200), to: pack.url.appendingPathComponent("brows.png"))
        pack.manifest["expressions"] = ["smile": ["mouths": ["A": "smile-A.png"]], "browsUp": ["overlay": "brows.png"]]
        try pack.save()
        return pack
    }

    func pixel(_ frame: FrameBuffer, _ x: Int, _ y: Int) -> (Int, Int, Int) {
        let index = (y * frame.size.width + x) * 4
        return (Int(frame.pixels[index + 2]), Int(frame.pixels[index + 1]), Int(frame.pixels[index]))
    }

    @Test("a smile at least half on draws the smile mouth; a brow raise fades the overlay in")
    func drawing() throws {
        let tiny = try pack()
        defer { tiny.folder.remove() }
        let renderer = try SpriteAvatarRenderer(pack: AvatarPack.load(from: tiny.url), size: FrameSize(width: 64, height: 64))
        var frame = FrameBuffer(size: renderer.size)
        try renderer.render(MotionFrame(mouthShape: .a), into: &frame)
        let plain = pixel(frame, 32, 44)
        try renderer.render(MotionFrame(mouthShape: .a, smile: 0.4), into: &frame)
        #expect(pixel(frame, 32, 44) == plain, "under half a smile: the plain mouth")
        try renderer.render(MotionFrame(mouthShape: .a, smile: 0.8), into: &frame)
        #expect(pixel(frame, 32, 44) == (250, 20, 20), "the smile's own A")
        try renderer.render(MotionFrame(mouthShape: .c, smile: 1), into: &frame)
        #expect(pixel(frame, 32, 44) != (250, 20, 20), "no smile C: the plain C")

        let base = (200, 220, 230)
        try renderer.render(MotionFrame(mouthShape: .a), into: &frame)
        #expect(pixel(frame, 20, 24) == base)
        try renderer.render(MotionFrame(mouthShape: .a, browRaise: 0.5), into: &frame)
        let half = pixel(frame, 20, 24)
        #expect(abs(half.2 - (230 + 200) / 2) <= 3 && abs(half.0 - (200 + 10) / 2) <= 3, "half-faded overlay: \(half)")
        try renderer.render(MotionFrame(mouthShape: .a, browRaise: 1), into: &frame)
        #expect(pixel(frame, 20, 24) == (10, 10, 200))
    }

    @Test("the built-in presenter exports smile and frown mouths that load back")
    func exported() throws {
        let folder = try TemporaryFolder("pack-export")
        defer { folder.remove() }
        let target = folder.file("presenter")
        try AvatarPackExporter(mouthPoses: AssumedPoses.table).export(to: target)
        let manifest = try String(contentsOf: target.appendingPathComponent("avatar.json"), encoding: .utf8)
        #expect(manifest.contains("\"smile\"") && manifest.contains("\"frown\""))
        let renderer = try SpriteAvatarRenderer(pack: AvatarPack.load(from: target), size: FrameSize(square: 256))
        var neutral = FrameBuffer(size: renderer.size), smiling = FrameBuffer(size: renderer.size)
        try renderer.render(MotionFrame(mouthShape: .b), into: &neutral)
        try renderer.render(MotionFrame(mouthShape: .b, smile: 1), into: &smiling)
        #expect(neutral.pixels != smiling.pixels)
    }
}
