import Foundation
import OratorCore
import OratorRender
import OratorTestSupport
import Testing

/// Ways an avatar pack can be broken, each with the words its error must contain.
enum BrokenPack: String, CaseIterable, Sendable {
    case noManifest, badJSON, unknownKey, missingShape, unknownShape, missingSprite, notPNG, corruptPNG
    case anchorOutside, anchorNotNumbers, missingAnchor, escapingPath, headSizeMismatch, badBackground
    case wrongVersion, emptyFileName, unknownExpression, mouthsOnBrows, expressionSpriteMissing

    /// Breaks `pack` and returns the phrases the error message must contain.
    func apply(to pack: inout TinyPack) throws -> [String] {
        let folder = pack.url
        switch self {
        case .noManifest:
            try FileManager.default.removeItem(at: folder.appendingPathComponent("avatar.json"))
            return ["avatar.json", "missing"]
        case .badJSON:
            try Data("{\"base\": ".utf8).write(to: folder.appendingPathComponent("avatar.json"))
            return ["avatar.json", "not valid JSON"]
        case .unknownKey:
            pack.manifest["mouth"] = "mA.png"
            try pack.save()
            return ["avatar.json", "unknown key 'mouth'"]
        case .missingShape:
            var mouths = pack.manifest["mouths"] as! [String: String]
            mouths["C"] = nil
            pack.manifest["mouths"] = mouths
            try pack.save()
            return ["avatar.json", "no C sprite"]
        case .unknownShape:
            var mouths = pack.manifest["mouths"] as! [String: String]
            mouths["Q"] = "mA.png"
            pack.manifest["mouths"] = mouths
            try pack.save()
            return ["avatar.json", "unknown mouth shape 'Q'"]
        case .missingSprite:
            try FileManager.default.removeItem(at: folder.appendingPathComponent("mB.png"))
            return ["mB.png", "missing", "mouths.B"]
        case .notPNG:
            try Data("just some text, not a picture".utf8).write(to: folder.appendingPathComponent("mA.png"))
            return ["mA.png: not a PNG image"]
        case .corruptPNG:
            let broken = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 40)
            try broken.write(to: folder.appendingPathComponent("eyes.png"))
            return ["eyes.png", "damaged or truncated PNG"]
        case .anchorOutside:
            pack.manifest["anchors"] = ["mouth": ["x": 500, "y": 30], "eyes": ["x": 32, "y": 24], "pivot": ["x": 32, "y": 60]]
            try pack.save()
            return ["avatar.json", "anchor 'mouth'", "outside", "64x64"]
        case .anchorNotNumbers:
            pack.manifest["anchors"] = ["mouth": ["x": 32, "y": 44], "eyes": ["x": "32", "y": 24], "pivot": ["x": 32, "y": 60]]
            try pack.save()
            return ["avatar.json", "anchor 'eyes' must be"]
        case .missingAnchor:
            pack.manifest["anchors"] = ["mouth": ["x": 32, "y": 44], "eyes": ["x": 32, "y": 24]]
            try pack.save()
            return ["avatar.json", "missing anchor 'pivot'"]
        case .escapingPath:
            pack.manifest["base"] = "../base.png"
            try pack.save()
            return ["avatar.json", "'base'", "inside the pack folder"]
        case .headSizeMismatch:
            try TinyPack.writeImage(width: 32, height: 32, colour: (1, 2, 3), to: folder.appendingPathComponent("head.png"))
            pack.manifest["head"] = "head.png"
            try pack.save()
            return ["head.png", "32x32", "64x64"]
        case .badBackground:
            pack.manifest["background"] = "blue"
            try pack.save()
            return ["avatar.json", "invalid colour 'blue'"]
        case .wrongVersion:
            pack.manifest["version"] = 2
            try pack.save()
            return ["avatar.json", "version"]
        case .emptyFileName:
            pack.manifest["eyesClosed"] = ""
            try pack.save()
            return ["avatar.json", "'eyesClosed' must be a file name"]
        case .unknownExpression:
            pack.manifest["expressions"] = ["grin": ["overlay": "eyes.png"]]
            try pack.save()
            return ["avatar.json", "unknown expression 'grin'", "smile, frown, browsUp, browsDown, eyesWide"]
        case .mouthsOnBrows:
            pack.manifest["expressions"] = ["browsUp": ["mouths": ["A": "mA.png"]]]
            try pack.save()
            return ["avatar.json", "unknown key 'mouths' in 'expressions.browsUp' (use overlay)"]
        case .expressionSpriteMissing:
            pack.manifest["expressions"] = ["smile": ["mouths": ["A": "smile-A.png"]]]
            try pack.save()
            return ["smile-A.png", "missing", "expressions.smile.mouths.A"]
        }
    }
}

@Suite("Avatar packs: checking what an artist made")
struct AvatarPackValidationTests {
    @Test("The hand-made pack is valid as written")
    func tinyPackLoads() throws {
        let tiny = try TinyPack()
        defer { tiny.folder.remove() }
        let pack = try AvatarPack.load(from: tiny.url)
        #expect(pack.name == "tiny")
        #expect(pack.canvasSize == FrameSize(square: 64))
        #expect(pack.mouthAnchor == AvatarPoint(x: 32, y: 44))
        // With no background in the manifest, the base picture's corner colour is used.
        #expect(pack.background.hex == "#C8DCE6")
    }

    @Test("A broken pack fails with a message naming the file and the problem", arguments: BrokenPack.allCases)
    func brokenPackFails(_ breakage: BrokenPack) throws {
        var tiny = try TinyPack()
        defer { tiny.folder.remove() }
        let phrases = try breakage.apply(to: &tiny)
        do {
            _ = try AvatarPack.load(from: tiny.url)
            Issue.record("a pack with \(breakage) loaded")
        } catch {
            #expect(error.code == .invalidAvatar)
            for phrase in phrases {
                #expect(error.message.contains(phrase), "'\(error.message)' does not mention '\(phrase)'")
            }
        }
    }

    @Test("A pack path that is missing or not a folder is reported")
    func missingFolder() throws {
        let tiny = try TinyPack()
        defer { tiny.folder.remove() }
        let nowhere = tiny.url.appendingPathComponent("nowhere")
        #expect(throws: OratorError(.invalidAvatar, "avatar pack \(nowhere.path) does not exist")) {
            try AvatarPack.load(from: nowhere)
        }
        let file = tiny.url.appendingPathComponent("base.png")
        do {
            _ = try AvatarPack.load(from: file)
            Issue.record("a PNG file loaded as a pack")
        } catch {
            #expect(error.message.contains("is not a folder"))
        }
    }
}
