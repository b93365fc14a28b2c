import Foundation
import OratorCore

/// Shifts every event of an ASS subtitle file, so a render chunk starting at time T can burn
/// the episode's captions with its own clock starting at 0.
public enum CaptionShift {
    /// Writes `source` to `target` with every `Dialogue:` moved by `seconds`; events that end
    /// before 0 are dropped and starts before 0 clamped to it.
    public static func write(_ source: URL, shiftedBy seconds: Double, to target: URL) throws(OratorError) {
        guard let text = try? String(contentsOf: source, encoding: .utf8) else {
            throw OratorError(.unreadableFile, "cannot read captions \(source.path)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("Dialogue:") else { return String(line) }
            var fields = line.split(separator: ",", maxSplits: 9, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 10, let start = SubtitleTime.assSeconds(fields[1]), let end = SubtitleTime.assSeconds(fields[2]) else {
                return String(line)
            }
            let newEnd = end + seconds
            guard newEnd > 0 else { return "" }
            fields[1] = SubtitleTime.assClock(Int((max(0, start + seconds) * 100).rounded()))
            fields[2] = SubtitleTime.assClock(Int((newEnd * 100).rounded()))
            return fields.joined(separator: ",")
        }
        do { try lines.joined(separator: "\n").write(to: target, atomically: true, encoding: .utf8) } catch {
            throw OratorError(.unwritableOutput, "cannot write \(target.path)", cause: "\(error)")
        }
    }

    /// The captions of a render chunk that starts `seconds` into the video, written as
    /// `.captions.ass` in the chunk's `folder` (the caller removes it after encoding).
    public static func burnFile(_ source: URL, from seconds: Double, in folder: URL) throws(OratorError) -> URL {
        let file = folder.appendingPathComponent(".captions.ass")
        try write(source, shiftedBy: -seconds, to: file)
        return file
    }
}
