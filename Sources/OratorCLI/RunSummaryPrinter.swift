import Foundation
import OratorCore
import OratorPipeline

/// The short human summary at the end of a run.
enum RunSummaryPrinter {
    /// Prints warnings always, and the summary unless `quiet`.
    static func print(_ summary: RunSummary, quiet: Bool) {
        for warning in summary.warnings { StandardStream.writeError("warning: \(warning)\n") }
        guard !quiet else { return }
        var lines = [String(format: "wrote %@: %.2f s of video, %d frames, in %.2f s (%.1fx real time)",
                            summary.output as NSString, summary.videoSeconds, summary.frames, summary.wallSeconds,
                            summary.realtimeFactor)]
        lines.append("  speech: \(summary.speechEngine); encoder: \(summary.encoder)")
        let stages = summary.stages.map {
            String(format: "%@ %.2f s", $0.stage as NSString, $0.wallSeconds) + ($0.cache == "off" ? "" : " (\($0.cache))")
        }
        lines.append("  stages: " + stages.joined(separator: ", "))
        lines += summary.notes.map { "  \($0)" }
        StandardStream.writeError(lines.joined(separator: "\n") + "\n")
    }
}
