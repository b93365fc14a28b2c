import Foundation
import OratorCore

/// A chapter mark in an audio-only podcast file (from a `# Chapter` heading).
public struct PodcastChapter: Sendable, Codable, Equatable {
    /// The chapter title shown by podcast players.
    public var title: String
    /// Where the chapter starts, in seconds of the exported file.
    public var start: Double

    /// Makes a chapter.
    public init(title: String, start: Double) {
        self.title = title
        self.start = start
    }
}

/// Title and other tags of an audio-only podcast file.
public struct PodcastMetadata: Sendable, Codable, Equatable {
    /// Episode title.
    public var title: String?
    /// Author or show host.
    public var artist: String?
    /// Show name.
    public var album: String?
    /// Release date or year, e.g. `2025-05-01`.
    public var date: String?
    /// Free text (episode description).
    public var comment: String?

    /// Makes metadata; every field is optional.
    public init(title: String? = nil, artist: String? = nil, album: String? = nil, date: String? = nil, comment: String? = nil) {
        self.title = title
        self.artist = artist
        self.album = album
        self.date = date
        self.comment = comment
    }

    /// The tags that are set, by FFmpeg key.
    var tags: [(key: String, value: String)] {
        [("title", title), ("artist", artist), ("album", album), ("date", date), ("comment", comment)]
            .compactMap { key, value in value.map { (key, $0) } }
    }
}

/// FFmpeg's FFMETADATA1 text: global tags and chapters with millisecond times.
enum FFMetadataFile {
    /// The file's text. Chapter `i` ends where chapter `i+1` starts; the last ends at `duration`.
    static func text(metadata: PodcastMetadata, chapters: [PodcastChapter], duration: Double) -> String {
        var lines = [";FFMETADATA1"]
        for tag in metadata.tags { lines.append("\(tag.key)=\(escape(tag.value))") }
        let milliseconds = chapters.map { Int(($0.start * 1000).rounded()) }
        let end = Int((duration * 1000).rounded())
        for (index, chapter) in chapters.enumerated() {
            lines += ["[CHAPTER]", "TIMEBASE=1/1000", "START=\(milliseconds[index])",
                      "END=\(index + 1 < chapters.count ? milliseconds[index + 1] : end)", "title=\(escape(chapter.title))"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Backslash-escapes the characters FFMETADATA treats specially (`=`, `;`, `#`, `\`, newline).
    static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            if "=;#\\\n".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
