import ArgumentParser
import Foundation
import OratorCore
import OratorPipeline

extension StageCommand {
    /// `orator stage face`: a portrait's face and landmarks, found once for all its render calls.
    struct Face: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Portrait photo -> face.json: the chosen face's box and 68 landmarks, once per portrait.",
            discussion: """
                Inputs: --in PHOTO; --face N (default: the largest face). Outputs in --out DIR: face.json (photo SHA-256, \
                size, face box, landmarks). Pass DIR to `stage render --face-analysis` (and `stage scene-render`) so they \
                use it instead of detecting the face again; the frames are the same. One analysis serves every \
                --preprocess and --size: the framing is made around these landmarks.
                """)
        @Option(name: .customLong("in"), help: "The portrait photo.") var input: String
        @Option(help: "Output folder.") var out: String
        @Option(help: "Which face of the photo speaks, 0-based left to right (default: the largest).") var face: Int?

        func run() throws {
            try reportingErrors { () throws(OratorError) in
                let settings = try SettingsResolver().resolve([SettingsLayer(avatar: input, face: face)])
                try StandaloneStage.face(photo: settings.avatar, out: fileURL(out))
            }
        }
    }
}
