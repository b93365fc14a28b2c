import Foundation
import OratorCore
import OratorMusic

/// `orator-bench`: the measured benchmarks, kept out of the product. Numbers are printed,
/// never asserted; record them in BENCHMARKS.md with the machine and date.
///
///     orator-bench lipsync [--markdown FILE] [--json FILE]   (scripts/bench-lipsync)
///     orator-bench mix [--minutes N]                        (default 10)
///     orator-bench music [--seconds N] [--seed N] [--interpolation 1|4|7] (default 120 s, seed 1, linear; every mood)
///     orator-bench visualization [--frames N]              (default 100 per style and round; every style at 1920x1080)
@main
enum OratorBench {
    static let usage = "usage: orator-bench lipsync [--markdown FILE] [--json FILE] | orator-bench mix [--minutes N] | orator-bench music [--seconds N] [--seed N] [--interpolation 1|4|7] | orator-bench visualization [--frames N]"

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            let rest = Array(arguments.dropFirst())
            switch arguments.first {
            case "lipsync": try lipSync(options(rest, allowed: ["--markdown", "--json"]))
            case "mix":
                let minutes = try options(rest, allowed: ["--minutes"])["--minutes"].map { text throws(OratorError) in
                    guard let value = Double(text), value > 0 else { throw OratorError(.invalidInput, "invalid --minutes '\(text)': use a positive number") }
                    return value
                }
                print(try MixBenchmark(minutes: minutes ?? 10).run())
            case "music":
                let given = try options(rest, allowed: ["--seconds", "--interpolation", "--seed"])
                let seconds = try given["--seconds"].map { text throws(OratorError) in
                    guard let value = Double(text), value >= 5, value <= 3600 else { throw OratorError(.invalidInput, "invalid --seconds '\(text)': use 5 to 3600") }
                    return value
                }
                var benchmark = MusicBenchmark(seconds: seconds ?? 120)
                if let text = given["--seed"] { benchmark.seed = try MusicRequest.seed(text) }
                if let text = given["--interpolation"] {
                    guard let value = Int(text), let method = MusicRenderConfiguration.Interpolation(rawValue: value) else {
                        throw OratorError(.invalidInput, "invalid --interpolation '\(text)': use 1 (linear), 4 or 7")
                    }
                    benchmark.rendering.interpolation = method
                }
                print(try benchmark.run())
            case "visualization":
                var benchmark = VisualizationBenchmark()
                if let text = try options(rest, allowed: ["--frames"])["--frames"] {
                    guard let value = Int(text), value >= 10 else { throw OratorError(.invalidInput, "invalid --frames '\(text)': use 10 or more") }
                    benchmark.frames = value
                }
                print(try benchmark.run())
            default: throw OratorError(.invalidInput, usage)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The lip-sync accuracy and speed benchmark: progress lines, then the Markdown table.
    static func lipSync(_ options: [String: String]) throws {
        let report = try LipSyncBenchmark().run { print($0) }
        let table = report.markdown()
        print(table)
        if let path = options["--markdown"] { try write(Data(table.utf8), to: path) }
        if let path = options["--json"] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try write(try encoder.encode(report), to: path)
        }
    }

    /// `--name value` pairs, each name one of `allowed`.
    static func options(_ arguments: [String], allowed: Set<String>) throws(OratorError) -> [String: String] {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard allowed.contains(name), index + 1 < arguments.count else {
                throw OratorError(.invalidInput, "unknown or incomplete option '\(name)' (\(usage))")
            }
            options[name] = arguments[index + 1]
            index += 2
        }
        return options
    }

    static func write(_ data: Data, to path: String) throws(OratorError) {
        let output = try AtomicOutput(destination: URL(fileURLWithPath: path))
        do { try data.write(to: output.temporary) } catch {
            output.discard()
            throw OratorError(.unwritableOutput, "cannot write \(path)", cause: "\(error)")
        }
        try output.commit()
    }
}
