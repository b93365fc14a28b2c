import ArgumentParser
import Foundation
import OratorCore
import OratorLipSync
import OratorPipeline

/// `orator lipsync AUDIO`: mouth cues for a recording, in formats that tools reading Rhubarb
/// Lip Sync's output accept.
struct LipSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lipsync",
        abstract: "Find the mouth shapes of a recording (with or without its transcript).",
        discussion: """
            Examples:
              orator lipsync take1.wav --transcript take1.txt -o take1.tsv
              orator lipsync podcast.mp3 -f json -o podcast.json --words podcast.words.json
              orator lipsync take1.wav --transcript none -o take1.tsv   (phones only, no word recognition)
              orator lipsync line.ogg -f dat --fps 30 --extended-shapes GX -o line.dat
              orator lipsync take1.wav -f xml -o take1.xml              (Rhubarb's XML layout)
              orator lipsync take1.wav -f arkit --fps 60 -o take1.csv   (ARKit blend shapes per frame)
              orator lipsync take1.wav --motion take1.motion.json       (Orator's whole motion track)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tsv, json, dat, xml, arkit
        case arkitJSON = "arkit-json"
    }
    enum Recognizer: String, ExpressibleByArgument, CaseIterable { case auto, pocketsphinx, acoustic }

    @Argument(help: "The recording (any format FFmpeg reads).")
    var audio: String

    @Option(help: "What is said: a text file (the most accurate timing), auto (recognize the words; English; the default) or none (recognize phones only).")
    var transcript: TranscriptOption = .automatic

    @Option(name: .shortAndLong, help: "Output format: tsv, json, xml (Rhubarb's layouts), dat (Moho switch data), arkit (CSV) or arkit-json (ARKit blend-shape weights per frame at --fps).")
    var format: Format = .tsv

    @Option(help: "Extended shapes to use, a subset of GHX (\"\" for the basic six; G->B, H->C, X->A otherwise).")
    var extendedShapes = "GHX"

    @Option(help: "Frame rate of dat, arkit and --motion output.")
    var fps: Double = 24

    @Option(help: "Seed for the blinks and head motion of arkit and --motion output (same seed, same motion).")
    var seed: UInt64 = 0

    @Flag(help: "Name dat shapes the Preston Blair way (MBP, etc, E, AI, O, U, FV, L, rest).")
    var datPrestonBlair = false

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    @Option(help: "Also write word and phone timings as JSON to this file (recognized words with their confidences).")
    var words: String?

    @Option(help: "Also write the whole per-frame motion track (mouth, blinks, brows, head) as JSON to this file (docs/lipsync.md).")
    var motion: String?

    @Option(help: "Language of the recording as an espeak-ng voice (en-us, de, fr, ...), for the transcript.")
    var voice = "en-us"

    @Option(help: "Phones where no words are known: auto (PocketSphinx for English, acoustic otherwise), pocketsphinx, acoustic (also no word recognition).")
    var recognizer: Recognizer = .auto

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        try reportingErrors { () throws(OratorError) in
            let shapes = try ExtendedShapes.parse(extendedShapes)
            let exporter = try MouthCueExporter(extendedShapes: shapes, framesPerSecond: fps, prestonBlairNames: datPrestonBlair)
            let text = try transcript.file.map { url throws(OratorError) in try LipSyncStage.readTranscript(url) }
            // Check the outputs before the analysis, not after it.
            try OutputGuard.check(outputs: [output, words, motion].compactMap { $0.map(fileURL) },
                                  inputs: [fileURL(audio)] + [transcript.file].compactMap { $0 })
            let cueFile = try output.map { path throws(OratorError) in try AtomicOutput(destination: fileURL(path)) }
            let wordFile = try words.map { path throws(OratorError) in try AtomicOutput(destination: fileURL(path)) }
            let motionFile = try motion.map { path throws(OratorError) in try AtomicOutput(destination: fileURL(path)) }
            let kind: PhoneRecognizerKind = switch recognizer {
            case .auto: .automatic
            case .pocketsphinx: .pocketsphinx
            case .acoustic: .acoustic
            }
            let engine = try LipSyncEngine(configuration: LipSyncConfiguration(voice: voice, recognizer: kind, recognizeWords: transcript.recognizesWords,
                                                                               extendedShapes: shapes))
            let audioURL = fileURL(audio)
            let result = try engine.analyze(audioURL: audioURL, transcript: text)
            // Made only for the outputs that come from it, and once.
            lazy var track = result.motionTrack(fps: fps, seed: seed)
            let body: String = switch format {
            case .arkit: ARKitExporter.csv(track)
            case .arkitJSON: ARKitExporter.json(track)
            case .tsv, .json, .dat, .xml:
                exporter.export(result.cues, duration: result.duration, soundFile: audioURL.path,
                                format: MouthCueFormat(rawValue: format.rawValue) ?? .tsv)
            }
            if let cueFile {
                try Self.write(body, to: cueFile)
            } else {
                try StandardStream.writeOutput(body)
            }
            if let motionFile { try Self.write(try MotionTrackJSON.text(track), to: motionFile) }
            if let wordFile {
                try Self.write(TimingExporter.json(result, soundFile: audioURL.path), to: wordFile)
            }
            if !quiet {
                for warning in result.warnings { StandardStream.writeError("warning: \(warning)\n") }
                let summary = String(format: "%@: %.2f s, %d mouth cues by %@", audio, result.duration, result.cues.count, result.method.rawValue)
                let cost = result.alignmentCost.map { String(format: ", alignment cost %.2f", $0) } ?? ""
                StandardStream.writeError(summary + cost + "\n")
            }
        }
    }

    /// Writes text atomically: the file appears complete or not at all.
    static func write(_ text: String, to output: AtomicOutput) throws(OratorError) {
        guard FileManager.default.createFile(atPath: output.temporary.path, contents: Data(text.utf8)) else {
            throw OratorError(.unwritableOutput, "cannot write \(output.destination.path)")
        }
        try output.commit()
    }
}
