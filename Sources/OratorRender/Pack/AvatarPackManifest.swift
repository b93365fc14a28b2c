import Foundation
import OratorCore

/// A point in an avatar pack's base-image pixels (origin top-left, y down).
public struct AvatarPoint: Sendable, Codable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The parsed, checked contents of an `avatar.json` manifest.
struct AvatarPackManifest: Equatable {
    var name: String
    var base: String
    var head: String?
    var eyesClosed: String
    var mouths: [MouthShape: String]
    var mouth: AvatarPoint
    var eyes: AvatarPoint
    var pivot: AvatarPoint
    var background: RGBColor?
    /// Optional expression sprites (see `PackExpression`).
    var expressions: [PackExpression: PackExpressionFiles] = [:]

    static let fileName = "avatar.json"
    static let formatName = "orator-avatar-pack"
    static let topLevelKeys = ["format", "version", "name", "base", "head", "eyesClosed", "mouths", "anchors", "background", "expressions"]
    static let anchorKeys = ["mouth", "eyes", "pivot"]
    /// The shapes every pack must draw; the others fall back (see `AvatarPack.fallback`).
    static let requiredShapes: [MouthShape] = [.a, .b, .c, .d, .e, .f]

    /// Parses manifest JSON; `file` names the manifest in error messages.
    init(json data: Data, file: String) throws(OratorError) {
        func fail(_ problem: String) -> OratorError { OratorError(.invalidAvatar, "\(file): \(problem)") }
        let parsed: JSONValue
        do { parsed = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw OratorError(.invalidAvatar, "\(file): not valid JSON", cause: "\(error)")
        }
        guard let object = parsed.object else { throw fail("the top level must be a JSON object") }
        for key in object.keys.sorted() where !Self.topLevelKeys.contains(key) {
            throw fail("unknown key '\(key)' (expected: \(Self.topLevelKeys.joined(separator: ", ")))")
        }
        if let format = object["format"], format.string != Self.formatName {
            throw fail("'format' must be \"\(Self.formatName)\"")
        }
        if let version = object["version"], version.number != 1 {
            throw fail("unsupported 'version' (this Orator reads version 1)")
        }
        func path(_ value: JSONValue?, _ key: String) throws(OratorError) -> String? {
            guard let value else { return nil }
            guard let text = value.string, !text.isEmpty else { throw fail("'\(key)' must be a file name") }
            guard !text.hasPrefix("/"), !text.split(separator: "/").contains("..") else {
                throw fail("'\(key)' (\(text)) must name a file inside the pack folder")
            }
            return text
        }
        func requiredPath(_ key: String) throws(OratorError) -> String {
            guard let text = try path(object[key], key) else {
                throw fail("missing '\(key)' (the file name of a PNG in the pack folder)")
            }
            return text
        }
        if let name = object["name"], name.string == nil { throw fail("'name' must be a string") }
        name = object["name"]?.string ?? "avatar"
        base = try requiredPath("base")
        head = try path(object["head"], "head")
        eyesClosed = try requiredPath("eyesClosed")

        guard let mouthTable = object["mouths"]?.object else {
            throw fail(object["mouths"] == nil ? "missing 'mouths' (one PNG per mouth shape A-F, optionally G, H, X)"
                                               : "'mouths' must be an object such as {\"A\": \"mouth-A.png\"}")
        }
        /// A table of mouth sprites by shape letter; `name` is its key path, for errors.
        func mouthSprites(_ table: [String: JSONValue], _ name: String) throws(OratorError) -> [MouthShape: String] {
            var sprites: [MouthShape: String] = [:]
            for key in table.keys.sorted() {
                guard let shape = MouthShape(rawValue: key) else {
                    throw fail("unknown mouth shape '\(key)' in '\(name)' (use A, B, C, D, E, F, G, H or X)")
                }
                sprites[shape] = try path(table[key], "\(name).\(key)")
            }
            return sprites
        }
        let mouths = try mouthSprites(mouthTable, "mouths")
        for shape in Self.requiredShapes where mouths[shape] == nil {
            throw fail("'mouths' has no \(shape.rawValue) sprite (A-F are required; \(shape.rawValue) is \(shape.summary))")
        }
        self.mouths = mouths

        guard let anchors = object["anchors"]?.object else {
            throw fail(object["anchors"] == nil ? "missing 'anchors' (mouth, eyes and pivot points)"
                                                : "'anchors' must be an object")
        }
        for key in anchors.keys.sorted() where !Self.anchorKeys.contains(key) {
            throw fail("unknown anchor '\(key)' (expected: mouth, eyes, pivot)")
        }
        func point(_ key: String) throws(OratorError) -> AvatarPoint {
            guard let value = anchors[key] else { throw fail("missing anchor '\(key)'") }
            guard let pair = value.object, Set(pair.keys) == ["x", "y"],
                  let x = pair["x"]?.number, let y = pair["y"]?.number else {
                throw fail("anchor '\(key)' must be an object {\"x\": number, \"y\": number}")
            }
            return AvatarPoint(x: x, y: y)
        }
        mouth = try point("mouth")
        eyes = try point("eyes")
        pivot = try point("pivot")

        if let colour = object["background"] {
            guard let text = colour.string else { throw fail("'background' must be a colour such as \"#A3C0CF\"") }
            do { background = try RGBColor(hex: text) } catch { throw fail(error.message) }
        } else {
            background = nil
        }
        if let table = object["expressions"] {
            guard let table = table.object else {
                throw fail("'expressions' must be an object such as {\"smile\": {\"mouths\": {\"A\": \"smile-A.png\"}, \"overlay\": \"cheeks.png\"}}")
            }
            for key in table.keys.sorted() {
                guard let expression = PackExpression(rawValue: key) else {
                    throw fail("unknown expression '\(key)' in 'expressions' (use \(PackExpression.names))")
                }
                guard let entry = table[key]?.object else { throw fail("'expressions.\(key)' must be an object with 'mouths' and/or 'overlay'") }
                for inner in entry.keys.sorted() where inner != "overlay" && !(inner == "mouths" && expression.takesMouths) {
                    throw fail("unknown key '\(inner)' in 'expressions.\(key)' (use \(expression.takesMouths ? "mouths and overlay" : "overlay"))")
                }
                var files = PackExpressionFiles()
                files.overlay = try path(entry["overlay"], "expressions.\(key).overlay")
                if let mouthsValue = entry["mouths"] {
                    guard let mouthsTable = mouthsValue.object else { throw fail("'expressions.\(key).mouths' must be an object such as {\"A\": \"\(key)-A.png\"}") }
                    files.mouths = try mouthSprites(mouthsTable, "expressions.\(key).mouths")
                }
                guard files.overlay != nil || !files.mouths.isEmpty else { throw fail("'expressions.\(key)' names no sprite") }
                expressions[expression] = files
            }
        }
    }

    /// The manifest as pretty-printed JSON.
    func json() -> Data {
        func point(_ p: AvatarPoint) -> JSONValue { .object(["x": .number(p.x), "y": .number(p.y)]) }
        var object: [String: JSONValue] = [
            "format": .string(Self.formatName), "version": .number(1), "name": .string(name),
            "base": .string(base), "eyesClosed": .string(eyesClosed),
            "mouths": .object(Dictionary(uniqueKeysWithValues: mouths.map { ($0.key.rawValue, JSONValue.string($0.value)) })),
            "anchors": .object(["mouth": point(mouth), "eyes": point(eyes), "pivot": point(pivot)]),
        ]
        if let head { object["head"] = .string(head) }
        if let background { object["background"] = .string(background.hex) }
        if !expressions.isEmpty {
            object["expressions"] = .object(Dictionary(uniqueKeysWithValues: expressions.map { expression, files in
                var entry: [String: JSONValue] = [:]
                if !files.mouths.isEmpty {
                    entry["mouths"] = .object(Dictionary(uniqueKeysWithValues: files.mouths.map { ($0.key.rawValue, JSONValue.string($0.value)) }))
                }
                if let overlay = files.overlay { entry["overlay"] = .string(overlay) }
                return (expression.rawValue, JSONValue.object(entry))
            }))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and finite numbers cannot fail.
        return (try? encoder.encode(JSONValue.object(object))) ?? Data()
    }

    init(name: String, base: String, head: String?, eyesClosed: String, mouths: [MouthShape: String],
         mouth: AvatarPoint, eyes: AvatarPoint, pivot: AvatarPoint, background: RGBColor?,
         expressions: [PackExpression: PackExpressionFiles] = [:]) {
        self.expressions = expressions
        self.name = name
        self.base = base
        self.head = head
        self.eyesClosed = eyesClosed
        self.mouths = mouths
        self.mouth = mouth
        self.eyes = eyes
        self.pivot = pivot
        self.background = background
    }
}
