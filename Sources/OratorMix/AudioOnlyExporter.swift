import Foundation
import OratorCore

/// Writes an audio-only podcast file (M4A with AAC, or MP3) from the mastered mix, with chapter
/// marks and title tags, through FFmpeg and an FFMETADATA file.
public struct AudioOnlyExporter: Sendable {
    /// The container and codec, chosen by the output's extension.
    public enum Format: String, Sendable, Codable, CaseIterable {
        /// MPEG-4 audio with AAC and chapter atoms (`.m4a`).
        case m4a
        /// MP3 with ID3v2 tags and CHAP frames (`.mp3`).
        case mp3
    }

    /// Audio bit rate in kbit/s.
    public var kilobitsPerSecond: Int

    /// Makes an exporter; 128 kbit/s suits speech with music.
    public init(kilobitsPerSecond: Int = 128) {
        self.kilobitsPerSecond = kilobitsPerSecond
    }

    /// The podcast format `output`'s extension names; other extensions are an error naming the file.
    @discardableResult
    public static func format(of output: URL) throws(OratorError) -> Format {
        guard let format = Format(rawValue: output.pathExtension.lowercased()) else {
            throw OratorError(.invalidInput, "audio-only output \(output.path) must end in .m4a or .mp3")
        }
        return format
    }

    /// Encodes `audio` (the mix) into `output` (`.m4a` or `.mp3`), atomically.
    /// Chapters must start inside the audio, in increasing order, with non-empty titles.
    public func export(audio: URL, chapters: [PodcastChapter], metadata: PodcastMetadata, to output: URL) throws(OratorError) {
        let format = try Self.format(of: output)
        guard FileManager.default.fileExists(atPath: audio.path) else {
            throw OratorError(.fileNotFound, "audio to export not found: \(audio.path)")
        }
        let duration = try FFMetadataFile.duration(of: audio)
        try PodcastChapter.validate(chapters, duration: duration)
        let atomic = try AtomicOutput(destination: output)
        let codec: [String]
        switch format {
        case .m4a: codec = ["-c:a", "aac", "-movflags", "+faststart", "-f", "ipod"]
        case .mp3: codec = ["-c:a", "libmp3lame", "-id3v2_version", "3", "-write_xing", "1", "-f", "mp3"]
        }
        do {
            let ffmpeg = try ExternalTool.locate("ffmpeg")
            try FFMetadataFile.withFile(metadata: metadata, chapters: chapters, duration: duration, for: output) { file throws(OratorError) in
                try ChildProcess.run(ffmpeg, ["-nostdin", "-v", "error", "-y", "-i", audio.path, "-f", "ffmetadata", "-i", file.path,
                                              "-map", "0:a:0", "-map_metadata", "1", "-map_chapters", "1", "-b:a", "\(kilobitsPerSecond)k"]
                                     + codec + [atomic.temporary.path],
                                     errorCode: .encoderFailed, what: "encoding \(output.lastPathComponent)")
            }
        } catch {
            atomic.discard()
            throw error
        }
        try atomic.commit()
    }
}
