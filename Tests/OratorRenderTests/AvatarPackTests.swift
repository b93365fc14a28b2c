import Foundation
import OratorCore
import OratorRender
import OratorTestSupport
import Testing

@Suite("Avatar packs: export and sprite rendering")
struct AvatarPackTests {
    /// Exports the built-in presenter and loads it back.
    private func exportedPack() throws -> (AvatarPack, TemporaryFolder) {
        let scratch = try TemporaryFolder("render")
        let folder = scratch.url.appendingPathComponent("presenter")
        try AvatarPackExporter(mouthPoses: AssumedPoses.table).export(to: folder)
        return (try AvatarPack.load(from: folder), scratch)
    }

    @Test("An exported pack loads, holds every sprite and draws what the built-in renderer draws")
    func exportedPackRoundTrip() throws {
        let (pack, scratch) = try exportedPack()
        defer { scratch.remove() }
        #expect(pack.suppliedShapes == MouthShape.allCases.sorted())
        #expect(pack.canvasSize == FrameSize(square: 512))
        let sprites = try SpriteAvatarRenderer(pack: pack, size: FrameSize(square: 512))
        let builtin = try BuiltinAvatarRenderer(size: FrameSize(square: 512))
        for shape in [MouthShape.x, .c, .d] {
            let pose = AssumedPoses.pose(shape)
            let fromPack = try Pixels.render(sprites, pose)
            let drawn = try Pixels.render(builtin, pose)
            let whole = Pixels.whole(drawn)
            // The jaw's drop moves the chin in the built-in drawing only; all else matches.
            #expect(Pixels.meanDifference(fromPack, drawn, in: whole) < 1.0, "pack frame for \(shape) strays from the built-in one")
            #expect(Pixels.meanDifference(fromPack, drawn, in: builtin.mouthRegion) < 6)
        }
    }

    @Test("Each mouth shape draws its own sprite")
    func eachShapeDrawsItsSprite() throws {
        let (pack, scratch) = try exportedPack()
        defer { scratch.remove() }
        let renderer = try SpriteAvatarRenderer(pack: pack, size: FrameSize(square: 512))
        var frames: [MouthShape: FrameBuffer] = [:]
        for shape in MouthShape.allCases {
            // Only the shape name picks the sprite: the coefficients are left at rest.
            frames[shape] = try Pixels.render(renderer, MotionFrame(mouthShape: shape))
        }
        for first in MouthShape.allCases {
            for second in MouthShape.allCases where first < second {
                let changed = Pixels.changedFraction(frames[first]!, frames[second]!, in: renderer.mouthRegion)
                #expect(changed > 0.03, "sprites \(first.rawValue) and \(second.rawValue) differ in only \(changed) of the mouth region")
            }
        }
    }

    @Test("Shapes a pack leaves out use Rhubarb's basic stand-ins")
    func missingShapesFallBack() throws {
        let tiny = try TinyPack()
        defer { tiny.folder.remove() }
        let pack = try AvatarPack.load(from: tiny.url)
        #expect(pack.suppliedShapes == [.a, .b, .c, .d, .e, .f])
        #expect(pack.drawnShape(for: .g) == .b)
        #expect(pack.drawnShape(for: .h) == .c)
        #expect(pack.drawnShape(for: .x) == .a)
        #expect(pack.drawnShape(for: .d) == .d)
        let renderer = try SpriteAvatarRenderer(pack: pack, size: FrameSize(square: 64))
        let pairs: [(MouthShape, MouthShape)] = [(.g, .b), (.h, .c), (.x, .a)]
        for (optional, basic) in pairs {
            let a = try Pixels.render(renderer, MotionFrame(mouthShape: optional))
            let b = try Pixels.render(renderer, MotionFrame(mouthShape: basic))
            #expect(a.pixels == b.pixels)
        }
        let c = try Pixels.render(renderer, MotionFrame(mouthShape: .c))
        let d = try Pixels.render(renderer, MotionFrame(mouthShape: .d))
        #expect(Pixels.changedFraction(c, d, in: renderer.mouthRegion) > 0.3)
        // Sprites are centred on the mouth anchor.
        #expect(renderer.mouthRegion == PixelRegion(x: 24, y: 37, width: 16, height: 14))
    }

    @Test("A pack fills frames of another shape, with its background around it")
    func fillsOtherShapes() throws {
        let (pack, scratch) = try exportedPack()
        defer { scratch.remove() }
        let renderer = try SpriteAvatarRenderer(pack: pack, size: FrameSize(width: 1280, height: 720))
        let rest = try Pixels.render(renderer, .rest)
        let open = try Pixels.render(renderer, MotionFrame(mouthShape: .d))
        let expected = pack.background
        let corner = Pixels.pixel(rest, x: 0, y: 0)
        #expect(abs(Double(corner[2]) - expected.red * 255) <= 1 && abs(Double(corner[0]) - expected.blue * 255) <= 1)
        #expect(stride(from: 3, to: rest.pixels.count, by: 4).allSatisfy { rest.pixels[$0] == 255 })
        let region = renderer.mouthRegion
        #expect(abs(Double(region.x) + Double(region.width) / 2 - 640) <= 1)
        #expect(Pixels.changedFraction(rest, open, in: region) > 0.12)
    }

    @Test("The head layer tilts and blinks while the rest of the picture stays")
    func headLayerMoves() throws {
        let (pack, scratch) = try exportedPack()
        defer { scratch.remove() }
        let renderer = try SpriteAvatarRenderer(pack: pack, size: FrameSize(square: 512))
        let rest = try Pixels.render(renderer, .rest)
        let tilted = try Pixels.render(renderer, MotionFrame(headRoll: 10))
        #expect(Pixels.changedFraction(rest, tilted, in: renderer.eyeRegion) > 0.1)
        for (x, y) in [(0, 0), (511, 0), (0, 511), (511, 511)] {
            #expect(Pixels.pixel(rest, x: x, y: y) == Pixels.pixel(tilted, x: x, y: y))
        }
        let shoulders = PixelRegion(x: 0, y: 460, width: 512, height: 52)
        #expect(Pixels.meanDifference(rest, tilted, in: shoulders) == 0)

        let shut = try Pixels.render(renderer, MotionFrame(blinkLeft: 1, blinkRight: 1))
        let half = try Pixels.render(renderer, MotionFrame(blinkLeft: 0.5, blinkRight: 0.5))
        let full = Pixels.meanDifference(rest, shut, in: renderer.eyeRegion)
        #expect(Pixels.changedFraction(rest, shut, in: renderer.eyeRegion) > 0.1)
        #expect(Pixels.meanDifference(rest, half, in: renderer.eyeRegion) > 0.2 * full)
        #expect(Pixels.meanDifference(rest, half, in: renderer.eyeRegion) < 0.8 * full)
        #expect(Pixels.meanDifference(rest, shut, in: renderer.mouthRegion) == 0)
    }

    @Test("Without a head layer the picture stays still and only mouth and eyes change")
    func noHeadLayerStaysStill() throws {
        let tiny = try TinyPack()
        defer { tiny.folder.remove() }
        let renderer = try SpriteAvatarRenderer(pack: try AvatarPack.load(from: tiny.url), size: FrameSize(square: 64))
        let rest = try Pixels.render(renderer, .rest)
        let moved = try Pixels.render(renderer, MotionFrame(headYaw: 10, headRoll: 10, translateX: 0.1))
        #expect(rest.pixels == moved.pixels)
        let shut = try Pixels.render(renderer, MotionFrame(blinkLeft: 1, blinkRight: 1))
        #expect(Pixels.changedFraction(rest, shut, in: renderer.eyeRegion) > 0.9)
    }

    @Test("Sprite frames drawn on many threads match frames drawn one at a time")
    func concurrentMatchesSerial() throws {
        let (pack, scratch) = try exportedPack()
        defer { scratch.remove() }
        let renderer = try SpriteAvatarRenderer(pack: pack, size: FrameSize(width: 320, height: 240))
        let motions = (0..<18).map { index in
            MotionFrame(mouthShape: MouthShape.allCases[index % 9], blinkLeft: index % 4 == 0 ? 1 : 0,
                        blinkRight: index % 4 == 0 ? 1 : 0, headRoll: Float(index) - 9, translateY: 0.002 * Float(index))
        }
        let serial = try motions.map { try Pixels.render(renderer, $0).pixels }
        let results = ConcurrentResults(count: motions.count)
        DispatchQueue.concurrentPerform(iterations: motions.count) { index in
            results.store(index, Result { try Pixels.render(renderer, motions[index]).pixels })
        }
        for index in motions.indices {
            #expect(try results.value(index).get() == serial[index])
        }
    }

    @Test("Export refuses a folder that holds files and leaves nothing behind")
    func exportRefusesNonEmptyFolder() throws {
        let scratch = try TemporaryFolder("render")
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let keep = folder.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: keep)
        let exporter = try AvatarPackExporter(size: FrameSize(square: 128), mouthPoses: AssumedPoses.table)
        #expect(throws: OratorError.self) { try exporter.export(to: folder) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["work"])

        var poses = AssumedPoses.table
        poses[.h] = nil
        #expect(throws: OratorError.self) { try AvatarPackExporter(mouthPoses: poses) }

        // An empty folder is fine.
        let empty = scratch.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        try exporter.export(to: empty)
        #expect(try AvatarPack.load(from: empty).canvasSize == FrameSize(square: 128))
    }
}
