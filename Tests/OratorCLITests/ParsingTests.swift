import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline
import Testing
@testable import OratorCLI

/// The command line, parsed in-process: flags become settings layers and nothing else.
@Suite("Command-line parsing")
struct ParsingTests {
    @Test("create's flags become one settings layer; flags not given stay unset")
    func createFlags() throws {
        let command = try Orator.parseAsRoot(["create", "s.txt", "-o", "o.mp4", "--size", "landscape", "--seed", "7", "--still"])
        let create = try #require(command as? CreateCommand)
        #expect(create.render.layer.size == "landscape")
        #expect(create.motion.layer.seed == 7 && create.motion.layer.still == true)
        #expect(create.motion.layer.fps == nil && create.voice.layer.voice == nil && create.render.layer.avatar == nil)
    }

    @Test("a flag without --still leaves still to lower layers (the configuration file may set it)")
    func stillUnset() throws {
        let create = try #require(try Orator.parseAsRoot(["create", "s.txt", "-o", "o.mp4"]) as? CreateCommand)
        #expect(create.motion.layer.still == nil)
    }

    @Test("a negative number after an option reaches the option, so its own check reports it", arguments: [
        (["create", "s.txt", "--size", "-5", "-o", "o.mp4"], ["create", "s.txt", "--size=-5", "-o", "o.mp4"]),
        (["create", "s.txt", "--fps", "-25"], ["create", "s.txt", "--fps=-25"]),
        (["create", "s.txt", "--seed=-1"], ["create", "s.txt", "--seed=-1"]),
        (["create", "--", "--fps", "-2"], ["create", "--", "--fps", "-2"]),
        (["create", "s.txt", "-q"], ["create", "s.txt", "-q"]),
    ])
    func negativeValues(_ given: [String], _ expected: [String]) {
        #expect(CommandLineArguments.joiningNegativeValues(given) == expected)
    }

    @Test("parser errors become one line that points at the help")
    func oneLine() {
        #expect(CommandLineArguments.oneLine("Missing value for '--size <size>'\nHelp:  --size <size>  Frame size\nUsage: orator create")
            == "Missing value for '--size <size>' (see orator --help)")
    }

    @Test("orator config takes the same flags as create")
    func configFlags() throws {
        let config = try #require(try Orator.parseAsRoot(["config", "--size", "shorts", "--fps", "30", "--no-cache"]) as? ConfigCommand)
        #expect(config.render.layer.size == "shorts" && config.motion.layer.fps == 30 && config.cacheOptions.noCache)
    }

    @Test("orator music's flags; create's --music generate:MOOD is a composed bed")
    func musicFlags() throws {
        let music = try #require(try Orator.parseAsRoot(["music", "--mood", "lofi", "--tempo", "82", "--key", "Dm", "--seed", "4",
                                                         "--length", "2m", "-o", "bed.ogg", "--midi", "bed.mid"]) as? MusicCommand)
        #expect(music.mood == .lofi && music.tempo == "82" && music.key == "Dm" && music.seed == "4" && music.length == "2m")
        #expect(music.output == "bed.ogg" && music.midi == "bed.mid" && !music.loop)
        #expect(throws: (any Error).self) { try Orator.parseAsRoot(["music", "--mood", "jazzy", "-o", "bed.ogg"]) }
        let create = try #require(try Orator.parseAsRoot(["create", "s.txt", "-o", "o.mp4", "--music", "generate:upbeat,seed=3"]) as? CreateCommand)
        #expect(try create.episode.options().music == .generate(MusicRequest(mood: .upbeat, seed: 3)))
        let bad = try #require(try Orator.parseAsRoot(["create", "s.txt", "-o", "o.mp4", "--music", "generate:jazzy"]) as? CreateCommand)
        let error = try #require(throws: OratorError.self) { try bad.episode.options() }
        #expect(error.message.contains("'jazzy'") && error.message.contains("use one of calm"))
    }

    @Test("--thumbnail alone is the cover beside the output; with a path, that file; not given, none")
    func thumbnailFlag() throws {
        func thumbnail(_ arguments: [String]) throws -> EpisodeOptions.Thumbnail? {
            let create = try #require(try Orator.parseAsRoot(["create", "s.txt"] + arguments) as? CreateCommand)
            return try create.episode.options().thumbnail
        }
        #expect(try thumbnail(["-o", "o.mp4"]) == nil)
        #expect(try thumbnail(["-o", "o.mp4", "--thumbnail"]) == .besideOutput)
        #expect(try thumbnail(["--thumbnail", "-o", "o.mp4"]) == .besideOutput)
        #expect(try thumbnail(["--thumbnail", "cover.png", "-o", "o.mp4"]) == .file(URL(fileURLWithPath: "cover.png").standardizedFileURL))
        let create = try #require(try Orator.parseAsRoot(["create", "s.txt", "--thumbnail", "-o", "o.mp4"]) as? CreateCommand)
        #expect(create.output == "o.mp4" && create.script == "s.txt")
    }

    @Test("--transcript takes auto (the default), none, or a file; animate takes --captions")
    func transcriptChoice() throws {
        let plain = try #require(try Orator.parseAsRoot(["lipsync", "a.wav"]) as? LipSyncCommand)
        #expect(plain.transcript == .automatic && plain.transcript.recognizesWords)
        let none = try #require(try Orator.parseAsRoot(["lipsync", "a.wav", "--transcript", "none"]) as? LipSyncCommand)
        #expect(none.transcript == .none && !none.transcript.recognizesWords && none.transcript.file == nil)
        let file = try #require(try Orator.parseAsRoot(["animate", "--image", "f.png", "--audio", "a.wav", "--transcript", "./none",
                                                        "--captions", "srt,burn", "-o", "o.mp4"]) as? AnimateCommand)
        #expect(file.transcript.file?.lastPathComponent == "none" && file.transcript.recognizesWords)
        #expect(file.captions == "srt,burn")
    }

    @Test("help text matches its snapshot", arguments: ["create", "animate", "config", "batch", "speak", "lipsync", "serve", "music"])
    func helpSnapshot(_ name: String) throws {
        let command: ParsableCommand.Type = switch name {
        case "create": CreateCommand.self
        case "animate": AnimateCommand.self
        case "config": ConfigCommand.self
        case "batch": BatchCommand.self
        case "speak": SpeakCommand.self
        case "serve": ServeCommand.self
        case "music": MusicCommand.self
        default: LipSyncCommand.self
        }
        let help = command.helpMessage(for: command, columns: 100) + "\n"
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/\(name)-help.txt")
        if ProcessInfo.processInfo.environment["ORATOR_UPDATE_SNAPSHOTS"] == "1" {
            try help.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(help == expected, "help of \(name) changed: run ORATOR_UPDATE_SNAPSHOTS=1 swift test --filter ParsingTests and review the diff")
    }

    @Test("serve's flags become the server's configuration checks")
    func serveFlags() throws {
        let command = try #require(try Orator.parseAsRoot(["serve", "--port", "0", "--workers", "2", "--max-image-mb", "5"]) as? ServeCommand)
        #expect(command.port == 0 && command.workers == 2 && command.maxImageMb == 5 && command.host == "127.0.0.1")
    }
}
