import ArgumentParser
import Foundation
import OratorCore

/// The `orator` command: a thin layer that parses options and calls the pipeline.
struct Orator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orator",
        abstract: "Turn a script and a portrait into a talking-head video.",
        discussion: """
            Examples:
              orator create examples/welcome.txt -o welcome.mp4
              orator create script.txt -o talk.mp4 --voice en-gb --size 1280x720 --seed 7
              orator create script.txt -o talk.mp4 --avatar my-pack/ --still
              orator animate --image face.jpg --audio talk.mp3 [--transcript talk.txt] -o talk.mp4
              orator create script.txt -o talk.mp4 --avatar face.jpg --preprocess full
              orator lipsync talk.wav --transcript talk.txt -f json -o talk.json
              orator speak script.txt -o speech.wav      (also writes speech.phonemes.json)
              orator music --mood calm --length 90s -o bed.ogg [--midi bed.mid]
              orator voices
              orator batch ep1.txt ep2.txt --out-dir videos/   (or --manifest jobs.yaml)
              orator stage speak --in script.txt --out speech/  (one stage, for workflow engines)
              orator cache stats
            """,
        version: "0.1.0",
        subcommands: [CreateCommand.self, AnimateCommand.self, LipSyncCommand.self, SpeakCommand.self, MusicCommand.self, VoicesCommand.self, AvatarCommand.self, BatchCommand.self, CacheCommand.self, StageCommand.self, ConfigCommand.self, ServeCommand.self])
}
