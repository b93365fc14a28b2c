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

extension PodcastChapter {
    /// Checks that `chapters` are titled, in increasing order and start inside media of
    /// `duration` seconds; the error names the chapter.
    public static func validate(_ chapters: [PodcastChapter], duration: Double) throws(OratorError) {
        var previous = -Double.infinity
        for chapter in chapters {
            guard !chapter.title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw OratorError(.invalidInput, "a chapter starting at \(chapter.start) s has no title")
            }
            guard chapter.start.isFinite, chapter.start >= 0, chapter.start < duration else {
                throw OratorError(.invalidInput, "chapter '\(chapter.title)' starts at \(chapter.start) s, outside the \(String(format: "%.1f", duration)) s media")
            }
            guard chapter.start > previous else {
                throw OratorError(.invalidInput, "chapter '\(chapter.title)' starts at \(chapter.start) s, not after the chapter before it")
            }
            previous = chapter.start
        }
    }
}
