import ArgumentParser
import Foundation
import OratorCore

/// The process entry: sets the allocator to reuse large buffers, guards the standard
/// descriptors, installs the interruption handlers, sweeps scratch that killed runs left, then
/// runs the command. Every failure, including a command line that does not parse, is one
/// `error:` line and exit status 1.
@main
enum Main {
    static func main() {
        ProcessMemory.reuseLargeBuffers()
        StandardStream.prepare()
        Interruption.install()
        ScratchSweeper.sweepTemporaryFolder()
        let arguments = CommandLineArguments.joiningNegativeValues(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try Orator.parseAsRoot(arguments)
            try command.run()
            try StandardStream.finish()
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch let error as OratorError {
            StandardStream.writeError("error: \(error.description)\n")
            exit(1)
        } catch {
            guard Orator.exitCode(for: error) != .success else { Orator.exit(withError: error) }
            StandardStream.writeError("error: \(CommandLineArguments.oneLine(Orator.message(for: error)))\n")
            exit(1)
        }
    }
}

/// Command-line rewriting and messages the argument parser does not do itself.
enum CommandLineArguments {
    /// `--size -5` becomes `--size=-5`, so a negative number reaches the option's own check
    /// (and its clear error) instead of being read as an unknown option.
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { result += arguments[index...]; break }
            if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
               isNegativeNumber(arguments[index + 1]) {
                result.append("\(argument)=\(arguments[index + 1])")
                index += 2
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    static func isNegativeNumber(_ text: String) -> Bool {
        guard text.hasPrefix("-"), text.count > 1 else { return false }
        return Double(text) != nil || text.dropFirst().allSatisfy { $0.isNumber || $0 == "." || $0 == "x" }
    }

    /// The parser's message as one line, with a pointer to the help.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("Help:") && !$0.hasPrefix("Usage:") }
        return (lines.first ?? "invalid command line") + " (see orator --help)"
    }
}

/// Every `print` in the CLI goes through `StandardStream`, so a full disk or a closed pipe on
/// standard output ends the command with one error line and exit status 1.
func print(_ text: String, terminator: String = "\n") {
    StandardStream.printLine(text, terminator: terminator)
}
