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
        let duration = try Self.duration(of: audio)
        try Self.validate(chapters, duration: duration)
        let atomic = try AtomicOutput(destination: output)
        let metadataFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("orator-\(ProcessInfo.processInfo.processIdentifier)-ffmetadata-\(UUID().uuidString).txt")
        Cleanup.track(metadataFile)
        defer {
            try? FileManager.default.removeItem(at: metadataFile)
            Cleanup.release(metadataFile)
        }
        do {
            try FFMetadataFile.text(metadata: metadata, chapters: chapters, duration: duration)
                .write(to: metadataFile, atomically: true, encoding: .utf8)
        } catch {
            throw OratorError(.unwritableOutput, "cannot write chapter metadata for \(output.path)", cause: "\(error)")
        }
        var arguments = ["-nostdin", "-v", "error", "-y", "-i", audio.path, "-f", "ffmetadata", "-i", metadataFile.path,
                         "-map", "0:a:0", "-map_metadata", "1", "-map_chapters", "1", "-b:a", "\(kilobitsPerSecond)k"]
        switch format {
        case .m4a: arguments += ["-c:a", "aac", "-movflags", "+faststart", "-f", "ipod"]
        case .mp3: arguments += ["-c:a", "libmp3lame", "-id3v2_version", "3", "-write_xing", "1", "-f", "mp3"]
        }
        arguments.append(atomic.temporary.path)
        do {
            try ChildProcess.run(try ExternalTool.locate("ffmpeg"), arguments, errorCode: .encoderFailed,
                                 what: "encoding \(output.lastPathComponent)")
        } catch {
            atomic.discard()
            throw error
        }
        try atomic.commit()
    }

    /// The audio's length in seconds, from ffprobe.
    static func duration(of audio: URL) throws(OratorError) -> Double {
        let ffprobe = try ExternalTool.locate("ffprobe")
        let text = String(decoding: try ChildProcess.run(ffprobe, [
            "-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", audio.path,
        ], errorCode: .decodeFailed, what: "reading the length of \(audio.path)"), as: UTF8.self)
        guard let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), seconds > 0 else {
            throw OratorError(.decodeFailed, "cannot tell the length of \(audio.path)", cause: text)
        }
        return seconds
    }

    /// Chapters in order, inside the audio, titled.
    static func validate(_ chapters: [PodcastChapter], duration: Double) throws(OratorError) {
        var previous = -Double.infinity
        for chapter in chapters {
            guard !chapter.title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw OratorError(.invalidInput, "a chapter starting at \(chapter.start) s has no title")
            }
            guard chapter.start.isFinite, chapter.start >= 0, chapter.start < duration else {
                throw OratorError(.invalidInput, "chapter '\(chapter.title)' starts at \(chapter.start) s, outside the \(String(format: "%.1f", duration)) s audio")
            }
            guard chapter.start > previous else {
                throw OratorError(.invalidInput, "chapter '\(chapter.title)' starts at \(chapter.start) s, not after the chapter before it")
            }
            previous = chapter.start
        }
    }
}
