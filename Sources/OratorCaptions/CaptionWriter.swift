import Foundation
import OratorCore

/// The caption files Orator writes.
public enum CaptionFormat: String, Sendable, Codable, CaseIterable {
    /// SubRip sidecar (`OUT.srt`).
    case srt
    /// WebVTT sidecar (`OUT.vtt`).
    case vtt
    /// Styled captions for burning in with FFmpeg's libass `subtitles` filter (`OUT.ass`).
    case ass
}

/// Cuts timed words into captions and writes them, atomically, as SRT, WebVTT and/or ASS files
/// named after the video (`episode.mp4` -> `episode.srt`, `episode.vtt`, `episode.ass`).
public struct CaptionWriter: Sendable {
    /// How captions are cut and timed.
    public var configuration: CaptionConfiguration
    /// How burnt-in captions look (used for `.ass`).
    public var style: CaptionStyle

    /// Makes a writer; `style` needs the video's size.
    public init(configuration: CaptionConfiguration = CaptionConfiguration(), style: CaptionStyle) {
        self.configuration = configuration
        self.style = style
    }

    /// Writes each of `formats` next to `video` and returns the files written, by format.
    /// Times are seconds of the video (shift speech-track words by any intro first).
    @discardableResult
    public func write(turns: [CaptionTurn], formats: Set<CaptionFormat>, nextTo video: URL,
                      mediaDuration: Double? = nil) throws(OratorError) -> [CaptionFormat: URL] {
        let captions = try CaptionSegmenter(configuration: configuration).captions(for: turns, mediaDuration: mediaDuration)
        var written: [CaptionFormat: URL] = [:]
        for format in CaptionFormat.allCases where formats.contains(format) {
            let url = video.deletingPathExtension().appendingPathExtension(format.rawValue)
            try AtomicOutput.write(Data(text(captions, format: format).utf8), to: url, what: "captions")
            written[format] = url
        }
        return written
    }

    /// The text of one caption file.
    public func text(_ captions: [Caption], format: CaptionFormat) -> String {
        switch format {
        case .srt: SRTFormat.text(captions)
        case .vtt: WebVTTFormat.text(captions)
        case .ass: ASSFormat.text(captions, style: style, lineLength: configuration.maxLineLength)
        }
    }
}

/// The FFmpeg filter that burns an ASS file into the picture.
public enum CaptionBurnIn {
    /// `subtitles=filename=...` with the path escaped for both the option and the filtergraph
    /// level, so any path (spaces, quotes, colons, commas) works in `-vf` or `-filter_complex`.
    public static func filter(for assFile: URL) -> String {
        "subtitles=filename=" + escape(escape(assFile.path, special: "\\':"), special: "\\'[],;")
    }

    private static func escape(_ text: String, special: String) -> String {
        var out = ""
        for character in text {
            if special.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
