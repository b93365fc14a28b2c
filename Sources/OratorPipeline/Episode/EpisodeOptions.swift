import Foundation
import OratorCaptions
import OratorCore
import OratorRender

/// Podcast-production settings: music, loudness, captions, layout and visualization,
/// audio-only output. A script with named speakers or music, or any of these set, is rendered
/// as an episode.
public struct EpisodeOptions: Sendable, Equatable {
    /// The music bed: the script's (front matter and `[music]` cues), a file or a composed bed
    /// for the whole episode, or none.
    public enum Music: Sendable, Equatable {
        case fromScript
        case file(URL)
        case generate(MusicRequest)
        case none
    }

    /// What fills the frame behind the speakers.
    public enum Background: Sendable, Equatable {
        case color(RGBColor)
        case image(URL)
        /// The image, blurred (a photo of the set, the speaker's own photo).
        case blurred(URL)
    }

    /// Where the cover picture (`EpisodeThumbnail`) goes.
    public enum Thumbnail: Sendable, Equatable, CustomStringConvertible {
        /// Beside the output, named after it: `OUT.thumbnail.png`.
        case besideOutput
        /// A PNG file of the caller's choosing.
        case file(URL)

        public var description: String {
            switch self {
            case .besideOutput: "OUT.thumbnail.png"
            case let .file(url): url.path
            }
        }
    }

    public var music: Music = .fromScript
    public var intro: URL?
    public var outro: URL?
    /// Integrated loudness target in LUFS (-16 for podcasts; -14 or -23 for other platforms).
    public var loudness: Double = -16
    /// Sidecar caption files written next to the video.
    public var captionFiles: Set<CaptionFormat> = []
    /// Draw captions into the picture (ASS through FFmpeg's libass `subtitles` filter).
    public var burnCaptions = false
    public var style = SceneStyle()
    public var background: Background?
    /// Write a podcast audio file (M4A with chapters) instead of a video.
    public var audioOnly = false
    /// Episode title for metadata, the description and the cover (default: the script's title).
    public var title: String?
    /// Write a 1280x720 PNG cover (title, the speakers' faces, the accent colour); nil: none.
    public var thumbnail: Thumbnail?

    public init() {}

    /// Adds the captions a list asks for (`srt`, `vtt`, `burn`, any case): the parsing behind
    /// `--captions srt,vtt,burn` and the service's `config.captions`.
    public mutating func addCaptions<S: Sequence<String>>(_ items: S, option: String = "--captions") throws(OratorError) {
        for item in items.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !item.isEmpty {
            switch item {
            case "srt": captionFiles.insert(.srt)
            case "vtt": captionFiles.insert(.vtt)
            case "burn": burnCaptions = true
            default: throw OratorError(.invalidInput, "invalid \(option) '\(item)': use srt, vtt and/or burn")
            }
        }
    }

    /// True if any captions are asked for.
    public var wantsCaptions: Bool { !captionFiles.isEmpty || burnCaptions }

    /// True when anything here asks for more than a plain talking head.
    public var isSet: Bool {
        music != .fromScript || intro != nil || outro != nil || loudness != -16 || !captionFiles.isEmpty || burnCaptions
            || style.visualization.kind != .none || background != nil || audioOnly || thumbnail != nil
    }
}
