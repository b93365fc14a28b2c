import Foundation
import OratorCore

/// FFmpeg's FFMETADATA1 text: global tags and chapters with millisecond times. The one writer
/// of chapter marks, for podcast files and videos alike.
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

    /// Writes the metadata to a private temporary file (removed on a signal too), runs `body`
    /// with it, and removes it. `output` names the file being made, for errors.
    @discardableResult
    static func withFile<Result>(metadata: PodcastMetadata, chapters: [PodcastChapter], duration: Double, for output: URL,
                                 _ body: (URL) throws(OratorError) -> Result) throws(OratorError) -> Result {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("orator-\(ProcessInfo.processInfo.processIdentifier)-ffmetadata-\(UUID().uuidString).txt")
        Cleanup.track(file)
        defer {
            try? FileManager.default.removeItem(at: file)
            Cleanup.release(file)
        }
        do {
            try text(metadata: metadata, chapters: chapters, duration: duration).write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw OratorError(.unwritableOutput, "cannot write chapter metadata for \(output.path)", cause: "\(error)")
        }
        return try body(file)
    }

    /// The length of `media` in seconds, from ffprobe.
    static func duration(of media: URL) throws(OratorError) -> Double {
        let ffprobe = try ExternalTool.locate("ffprobe")
        let text = String(decoding: try ChildProcess.run(ffprobe, [
            "-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", media.path,
        ], errorCode: .decodeFailed, what: "reading the length of \(media.path)"), as: UTF8.self)
        guard let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), seconds > 0 else {
            throw OratorError(.decodeFailed, "cannot tell the length of \(media.path)", cause: text)
        }
        return seconds
    }
}
