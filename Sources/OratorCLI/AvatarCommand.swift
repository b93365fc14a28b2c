import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

/// `orator avatar export DIR`.
struct AvatarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avatar", abstract: "Work with avatar packs (docs/avatar-packs.md).", subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in presenter as an avatar pack to edit (a new or empty folder).")

        @Argument(help: "The folder to create.") var folder: String
        @Option(help: "Canvas size of the pack: 512 (default) or WIDTHxHEIGHT.") var size = JobDefaults.size

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                try AvatarExport.export(to: fileURL(folder), size: FrameSize(parsing: size))
                print("wrote avatar pack \(folder)")
            }
        }
    }
}
