import ArgumentParser
import Foundation
import OratorCore
import OratorMotion
import OratorPipeline

/// `orator create SCRIPT -o OUT.mp4`: the main job.
struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Render a script as a talking-head MP4.",
        discussion: """
            Example: orator create examples/welcome.txt -o welcome.mp4 --size 720 --seed 3
            """)

    @Argument(help: "The script: UTF-8 text; '# Title' lines; a blank line is a pause.")
    var script: String

    @Option(name: .shortAndLong, help: "The MP4 to write.")
    var output: String

    @Option(help: "builtin, an avatar pack folder, or a portrait photo.")
    var avatar = "builtin"

    @OptionGroup var voice: VoiceOptions

    @Option(help: "Frame size: 512 (square) or WIDTHxHEIGHT.")
    var size = "512"

    @Option(help: "Frames per second.")
    var fps: Double = 25

    @Option(help: "Seed for blinks and head motion (same seed, same motion).")
    var seed: UInt64 = 0

    @Flag(help: "Keep the head still: only the mouth and eyes move.")
    var still = false

    @Option(help: "Scale mouth and brow movement (1 = natural).")
    var expressionScale: Float = 1

    @Option(help: "Frames rendered in parallel (default: all cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Write a JSON run report (per-stage wall and CPU time, memory, engines) to this file.")
    var report: String?

    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            guard (1...120).contains(fps) else { throw OratorError(.invalidInput, "invalid --fps \(fps): use 1 to 120") }
            guard (0...3).contains(expressionScale) else {
                throw OratorError(.invalidInput, "invalid --expression-scale \(expressionScale): use 0 to 3")
            }
            let request = CreateRequest(
                script: fileURL(script), output: fileURL(output), avatar: try AvatarSource(argument: avatar),
                voice: voice.configuration, size: try FrameSize(parsing: size),
                motion: MotionConfiguration(fps: fps, seed: seed, still: still, expressionScale: expressionScale),
                jobs: max(1, jobs))
            let summary = try TalkingHeadPipeline().create(request, progress: reporting.progress)
            if let report { try JSONFile.write(summary, to: fileURL(report)) }
            if !reporting.quiet { RunSummaryPrinter.print(summary) }
        }
    }
}
