import Foundation
import OratorCore

/// `orator-bench`: the measured benchmarks, kept out of the product (scripts/bench-lipsync runs it).
///
///     orator-bench lipsync [--markdown FILE] [--json FILE]
@main
enum OratorBench {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do throws(OratorError) {
            switch arguments.first {
            case "lipsync": try lipSync(options(Array(arguments.dropFirst()), allowed: ["--markdown", "--json"]))
            default: throw OratorError(.invalidInput, "usage: orator-bench lipsync [--markdown FILE] [--json FILE]")
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The lip-sync accuracy and speed benchmark: progress lines, then the Markdown table.
    static func lipSync(_ options: [String: String]) throws(OratorError) {
        let report = try LipSyncBenchmark().run { print($0) }
        let table = report.markdown()
        print(table)
        if let path = options["--markdown"] { try write(Data(table.utf8), to: path) }
        if let path = options["--json"] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            do { try write(try encoder.encode(report), to: path) } catch let error as OratorError { throw error } catch {
                throw OratorError(.internalFailure, "cannot encode the benchmark report", cause: "\(error)")
            }
        }
    }

    /// `--name value` pairs, each name one of `allowed`.
    static func options(_ arguments: [String], allowed: Set<String>) throws(OratorError) -> [String: String] {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard allowed.contains(name), index + 1 < arguments.count else {
                throw OratorError(.invalidInput, "unknown or incomplete option '\(name)' (use \(allowed.sorted().joined(separator: ", ")))")
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
