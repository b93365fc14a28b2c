import Foundation
import OratorCore
import OratorLipSync

extension StandaloneStage {
    /// `lipsync`: a recording (+ optional transcript) -> OUT/timeline.json + OUT/warnings.json,
    /// with the lip-sync configuration `animate` uses for the same language.
    public static func lipsync(audio: URL, transcript: URL?, language: String, out: URL) throws(OratorError) {
        let text = try transcript.map { url throws(OratorError) in try LipSyncStage.readTranscript(url) }
        guard FileManager.default.fileExists(atPath: audio.path) else {
            throw OratorError(.fileNotFound, "recording not found: \(audio.path)")
        }
        let stage = LipSyncStage(transcript: text, configuration: LipSyncConfiguration(voice: language))
        try produce(into: out, inputs: [audio] + (transcript.map { [$0] } ?? [])) { folder throws(OratorError) in
            try stage.run(audio: audio, into: folder)
        }
    }
}
