import ArgumentParser
import Foundation
import OratorCore
import OratorMusic
import OratorPipeline

/// `orator music --mood calm -o bed.ogg`: a composed music bed, and its MIDI file if asked.
struct MusicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "music",
        abstract: "Compose a music bed (intro, a looping body, an ending) and render it with a General MIDI SoundFont.",
        discussion: """
            Examples:
              orator music --mood calm -o bed.ogg
              orator music --mood upbeat --tempo 118 --key G --length 2m --seed 7 -o bed.m4a --midi bed.mid
              orator music --mood lofi --loop -o loop.wav      (one body that repeats without a seam)
            In a script: `music: generate calm` in the front matter, or `[music generate upbeat]` at a cue.
            """)

    @Option(help: "calm, upbeat, news, lofi, cinematic or ambient.")
    var mood: MusicMood = .calm

    @Option(help: "Beats per minute (40-200; default: one the mood suits, drawn from the seed).")
    var tempo: String?

    @Option(help: "Key, e.g. C, Am, F#m, Bb (default: one the mood suits, drawn from the seed).")
    var key: String?

    @Option(help: "Length: seconds or minutes, e.g. 60s, 90, 2m, 1m30s (1 s to 6 hours).")
    var length = "60s"

    @Option(help: "Seed for every choice the composer makes; the same seed gives the same bed.")
    var seed = "1"

    @Flag(help: "Write one body that loops without a seam (no intro or ending; --length is not used).")
    var loop = false

    @Option(name: .shortAndLong, help: "The audio file to write: .ogg, .m4a, .mp3, .opus, .flac or .wav (48 kHz stereo).")
    var output: String

    @Option(help: "Also write the composition as a Standard MIDI File (.mid), to edit it.")
    var midi: String?

    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let request = MusicRequest(mood: mood, tempo: try tempo.map(MusicRequest.tempo), key: try key.map { k throws(OratorError) in try MusicKey(name: k) },
                                       seed: try MusicRequest.seed(seed))
            let seconds = try MusicComposer.length(length)
            let started = Date()
            let piece = try MusicJob().run(request: request, length: seconds, loop: loop, output: fileURL(output), midi: midi.map(fileURL))
            if !reporting.quiet {
                let form = piece.sections.map(\.kind.rawValue).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }.joined(separator: ", ")
                StandardStream.writeError(String(
                    format: "wrote %@: %@, %@, %.1f BPM, %@ (%@), %.1f s in %.2f s\n", output as NSString, piece.mood.rawValue as NSString,
                    piece.key.description as NSString, piece.tempo, piece.progression.joined(separator: " ") as NSString, form as NSString,
                    piece.duration, Date().timeIntervalSince(started)))
            }
        }
    }
}

extension MusicMood: ExpressibleByArgument {}
