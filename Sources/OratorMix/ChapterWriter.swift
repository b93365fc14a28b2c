import Foundation
import OratorCore

/// Adds chapter marks and title tags to a finished MP4 (an episode's video) by copying its
/// streams into a new file through FFmpeg with an FFMETADATA file: nothing is re-encoded.
/// Players and YouTube read the chapters from the file's chapter track.
public struct ChapterWriter: Sendable {
    public init() {}

    /// Copies `video` to `output` (atomically) with `chapters` and `metadata`. Chapters must
    /// start inside the video, in increasing order, with non-empty titles.
    public func copy(_ video: URL, chapters: [PodcastChapter], metadata: PodcastMetadata, to output: URL) throws(OratorError) {
        guard FileManager.default.fileExists(atPath: video.path) else {
            throw OratorError(.fileNotFound, "video to mark with chapters not found: \(video.path)")
        }
        let duration = try FFMetadataFile.duration(of: video)
        try PodcastChapter.validate(chapters, duration: duration)
        let atomic = try AtomicOutput(destination: output)
        do {
            let ffmpeg = try ExternalTool.locate("ffmpeg")
            try FFMetadataFile.withFile(metadata: metadata, chapters: chapters, duration: duration, for: output) { file throws(OratorError) in
                try ChildProcess.run(ffmpeg, [
                    "-nostdin", "-v", "error", "-y", "-i", video.path, "-f", "ffmetadata", "-i", file.path,
                    "-map", "0", "-map_metadata", "1", "-map_chapters", "1", "-c", "copy",
                    "-movflags", "+faststart", "-f", "mp4", atomic.temporary.path,
                ], errorCode: .encoderFailed, what: "adding chapters to \(output.lastPathComponent)")
            }
        } catch {
            atomic.discard()
            throw error
        }
        try atomic.commit()
    }
}
