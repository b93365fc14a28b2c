import Foundation
import OratorCore
import OratorMix

/// The text to paste under an uploaded episode (`OUT.description.txt`): the title, a blank
/// line, and one line per chapter as YouTube writes them, `00:00 Welcome` (`1:02:03 Later`
/// past an hour). YouTube turns such lines into chapters only when the first is at 00:00,
/// there are at least three and each lasts at least 10 seconds; the lines are written either
/// way (`showsAsYouTubeChapters` tells which).
public struct EpisodeDescription: Sendable, Equatable {
    /// The episode's title.
    public var title: String
    /// The chapters, in order, on the episode's clock.
    public var chapters: [PodcastChapter]
    /// The episode's length in seconds (where the last chapter ends).
    public var duration: Double

    /// YouTube's shortest chapter, seconds.
    public static let shortestYouTubeChapter = 10.0
    /// YouTube's fewest chapters.
    public static let fewestYouTubeChapters = 3

    public init(title: String, chapters: [PodcastChapter], duration: Double) {
        self.title = title
        self.chapters = chapters
        self.duration = duration
    }

    /// The file's text.
    public var text: String {
        let lines = chapters.map { "\(Self.timestamp($0.start)) \($0.title)" }
        return ([title] + (lines.isEmpty ? [] : [""] + lines)).joined(separator: "\n") + "\n"
    }

    /// `m:ss`-style time as YouTube reads it: `mm:ss` under an hour, `h:mm:ss` from one hour;
    /// seconds rounded down, so a link never lands after the chapter's start.
    public static func timestamp(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded(.down)))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(two(minutes)):\(two(rest))"
    }

    /// True when YouTube will show these lines as chapters: the first at 00:00, at least three,
    /// each at least 10 seconds long.
    public var showsAsYouTubeChapters: Bool {
        guard chapters.count >= Self.fewestYouTubeChapters, let first = chapters.first, first.start < 1 else { return false }
        let ends = chapters.dropFirst().map(\.start) + [duration]
        return zip(chapters, ends).allSatisfy { $1 - $0.start >= Self.shortestYouTubeChapter }
    }

    /// Writes the text to `url` atomically.
    public func write(to url: URL) throws(OratorError) {
        try AtomicOutput.write(Data(text.utf8), to: url, what: "the description")
    }
}
