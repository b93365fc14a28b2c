import Foundation
import OratorCore
import Yams

/// The optional YAML block between `---` lines at the top of a script:
///
/// ```yaml
/// title: The Orator Show
/// music: bed.mp3            # or: generate calm
/// speakers:
///   ALEX: { name: Alex Rivera, voice: en-us, avatar: builtin }
///   SAM:  { name: Sam Lee, voice: en-gb, avatar: sam.jpg }
/// ```
enum FrontMatter {
    static let keys: Set<String> = ["title", "music", "speakers"]
    static let speakerKeys: Set<String> = ["name", "voice", "avatar", "rate", "pitch"]

    static func apply(_ yaml: String, firstLine: Int, source: String, to script: inout Script) throws(OratorError) {
        let tree: Any?
        do { tree = try YAMLTree.load(yaml) } catch {
            let line = firstLine + max(0, (error.line ?? 1) - 1)
            throw OratorError(.invalidInput, "\(source):\(line):1: the front matter is not valid YAML", cause: error.message)
        }
        guard let root = tree as? [String: Any] else {
            throw OratorError(.invalidInput, "\(source):\(firstLine):1: the front matter must be key: value lines")
        }
        for key in root.keys.sorted() where !keys.contains(key) {
            throw OratorError(.invalidInput, "\(source):\(line(of: key, in: yaml, from: firstLine)):1: unknown front-matter key '\(key)' (known: music, speakers, title)")
        }
        script.title = (root["title"] as? String) ?? script.title
        if let music = root["music"] {
            let location = "\(source):\(line(of: "music", in: yaml, from: firstLine)):1"
            guard let text = music as? String else {
                throw OratorError(.invalidInput, "\(location): 'music' must be a file or 'generate MOOD', e.g. music: generate calm")
            }
            do { script.music = try ScriptMusic.parse(text) } catch {
                throw OratorError(.invalidInput, "\(location): \(error.message)")
            }
        }
        guard let speakers = root["speakers"] else { return }
        guard let map = speakers as? [String: Any] else {
            throw OratorError(.invalidInput, "\(source):\(line(of: "speakers", in: yaml, from: firstLine)):1: 'speakers' must map names to settings")
        }
        // Keep the order in which the speakers are written.
        let ordered = map.keys.sorted { line(of: $0, in: yaml, from: 0) < line(of: $1, in: yaml, from: 0) }
        for name in ordered {
            let settings = (map[name] as? [String: Any]) ?? [:]
            for key in settings.keys.sorted() where !speakerKeys.contains(key) {
                throw OratorError(.invalidInput, "\(source):\(line(of: key, in: yaml, from: firstLine)):1: unknown speaker setting '\(key)' for \(name) (known: avatar, name, pitch, rate, voice)")
            }
            script.speakers.append(ScriptSpeaker(
                name: name, displayName: settings["name"] as? String, voice: settings["voice"] as? String,
                avatar: settings["avatar"] as? String, rate: settings["rate"] as? Int, pitch: settings["pitch"] as? Int))
        }
    }

    /// The script line on which `key` first appears in the front matter.
    private static func line(of key: String, in yaml: String, from firstLine: Int) -> Int {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let index = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(key):") } ?? 0
        return firstLine + index
    }
}
