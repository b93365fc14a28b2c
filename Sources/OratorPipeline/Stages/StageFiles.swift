import Foundation
import OratorCore

/// The file names stages read and write, so the local runner, the stage commands and a
/// workflow engine agree on them.
public enum StageFiles {
    /// Speech audio (WAV) from the speak stage.
    public static let speech = "speech.wav"
    /// `SpeechTimeline` JSON from the speak or lipsync stage.
    public static let timeline = "timeline.json"
    /// The per-frame motion (`MotionTrackFile`) from the motion stage.
    public static let motion = "motion.bin"
    /// The mouth cues the motion was sampled from, JSON.
    public static let cues = "cues.json"
    /// A rendered slice of frames, H.264 video only, from the render stage.
    public static let chunk = "chunk.mp4"
    /// The finished MP4 from the encode stage.
    public static let video = "video.mp4"

    /// Writes `value` as JSON (compact, or indented for people to read).
    public static func writeJSON(_ value: some Encodable, to url: URL, pretty: Bool = false) throws(OratorError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        do {
            try encoder.encode(value).write(to: url, options: .atomic)
        } catch {
            throw OratorError(.unwritableOutput, "cannot write \(url.path)", cause: "\(error)")
        }
    }

    /// Moves a finished file into a stage's folder.
    static func move(_ file: URL, to destination: URL) throws(OratorError) {
        do {
            try FileManager.default.moveItem(at: file, to: destination)
        } catch {
            throw OratorError(.unwritableOutput, "cannot move \(file.path) to \(destination.path)", cause: "\(error)")
        }
    }

    /// Reads JSON written by `writeJSON`; a missing or malformed file is an error naming it.
    public static func readJSON<T: Decodable>(_ type: T.Type, from url: URL) throws(OratorError) -> T {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OratorError(.fileNotFound, "stage input not found: \(url.path)")
        }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw OratorError(.invalidInput, "\(url.path) is not a valid \(url.lastPathComponent) file", cause: "\(error)")
        }
    }
}

/// A slice of a clip's frames: chunk `index` of `count` equal parts (`--chunk I/N`, 0-based).
public struct FrameSlice: Sendable, Codable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 0 <= I < N.
    public init(parsing text: String) throws(OratorError) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) else {
            throw OratorError(.invalidInput, "invalid chunk '\(text)': use I/N with 0 <= I < N, such as 0/4")
        }
        self.init(index: parts[0], count: parts[1])
    }

    /// The frames of this slice out of `total`.
    public func range(of total: Int) -> Range<Int> {
        (total * index / count)..<(total * (index + 1) / count)
    }

    /// Slices of about `framesPerChunk` frames covering `total` frames.
    public static func chunks(total: Int, framesPerChunk: Int) -> [FrameSlice] {
        let count = max(1, (total + framesPerChunk - 1) / framesPerChunk)
        return (0..<count).map { FrameSlice(index: $0, count: count) }
    }

    public var description: String { "\(index)/\(count)" }
}
