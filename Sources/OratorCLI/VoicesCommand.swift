import ArgumentParser
import Foundation
import OratorCore
import OratorSpeech

/// `orator voices`: lists the installed voices.
struct VoicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "voices", abstract: "List installed voices.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let voices = try EspeakSynthesizer.installedVoices()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                let data = (try? encoder.encode(voices)) ?? Data()
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("VOICE".padding(toLength: 16, withPad: " ", startingAt: 0) + "ENGINE      RATE   NAME")
            for voice in voices {
                print(voice.identifier.padding(toLength: 16, withPad: " ", startingAt: 0)
                      + voice.engine.padding(toLength: 12, withPad: " ", startingAt: 0)
                      + "\(voice.sampleRate)".padding(toLength: 7, withPad: " ", startingAt: 0) + voice.name)
            }
        }
    }
}
