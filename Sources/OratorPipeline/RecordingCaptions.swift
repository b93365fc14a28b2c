import Foundation
import OratorCaptions
import OratorCore
import OratorLipSync
import OratorSpeech
import OratorVideo

/// Captions for a recording (`animate --captions`): its words as the lip-sync stage found them,
/// aligned from the transcript or, without one, recognized (English; the librivox clips measure
/// a 19.7% word error rate, under the 25% this is offered at). The files are written by the same
/// two steps as an episode's, so the layout rules are the same.
extension PipelineRun {
    /// Fails before any work when captions are asked for a recording whose words will not be known.
    static func checkRecordingCaptions(_ request: CreateRequest) throws(OratorError) {
        guard case let .recording(audio, transcript) = request.speech, request.episode.wantsCaptions, transcript == nil else { return }
        guard request.lipSyncConfiguration.usesWordRecognition else {
            let why = request.recognizeWords
                ? "word recognition covers English only and the recording's language is \(request.voice.voice)"
                : "--transcript none turns word recognition off"
            throw OratorError(.invalidInput, "\(audio.lastPathComponent): captions need the recording's words: give --transcript FILE (\(why))")
        }
    }

    /// The recording's words as one caption turn, capitalized where a recognized sentence likely starts.
    func recordingCaptionTurns(timeline url: URL) throws(OratorError) -> [CaptionTurn] {
        let timeline = try StageFiles.readJSON(SpeechTimeline.self, from: url)
        var words = timeline.words
        if request.speech.transcriptFile == nil {
            // Recognized words come in the dictionary's lower case without punctuation.
            var previousEnd = -Double.infinity
            for index in words.indices {
                if let title = Self.titles[words[index].text] { words[index].text = title }
                let word = words[index]
                if word.text == "i" || word.text.hasPrefix("i'") || word.start - previousEnd > 0.6 {
                    words[index].text = word.text.prefix(1).uppercased() + word.text.dropFirst()
                }
                previousEnd = word.end
            }
        }
        guard !words.isEmpty else {
            throw OratorError(.invalidInput, "\(request.speech.file.lastPathComponent): no words found for captions (is there speech in it?)")
        }
        return [CaptionTurn(speaker: nil, words: words)]
    }

    /// Titles the CMU dictionary spells without their full stop.
    private static let titles = ["mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "dr": "Dr."]

    /// Writes the burn-in ASS file into the workspace, if burnt captions are asked for; times
    /// run to `videoSeconds`.
    func burnCaptionsFile(_ turns: [CaptionTurn], encoding: VideoEncoderConfiguration) throws(OratorError) -> URL? {
        guard request.episode.burnCaptions else { return nil }
        try Self.captionWriter(encoding).write(turns: turns, formats: [.ass], nextTo: workspace.url("burn.mp4"), mediaDuration: videoSeconds)
        return workspace.url("burn.ass")
    }

    /// Writes the SRT and WebVTT files asked for next to the output; times run to `videoSeconds`.
    func writeCaptionSidecars(_ turns: [CaptionTurn], encoding: VideoEncoderConfiguration) throws(OratorError) {
        guard !request.episode.captionFiles.isEmpty else { return }
        try Self.captionWriter(encoding).write(turns: turns, formats: request.episode.captionFiles, nextTo: request.output,
                                               mediaDuration: videoSeconds)
    }

    private static func captionWriter(_ encoding: VideoEncoderConfiguration) -> CaptionWriter {
        CaptionWriter(style: CaptionStyle(videoWidth: encoding.size.width, videoHeight: encoding.size.height))
    }
}

extension CreateRequest {
    /// How the lip-sync stage analyses this request's recording.
    var lipSyncConfiguration: LipSyncConfiguration {
        LipSyncConfiguration(voice: voice.voice, recognizeWords: recognizeWords)
    }
}

extension SpeechSource {
    /// A recording's transcript file, if it has one.
    var transcriptFile: URL? { if case let .recording(_, transcript) = self { transcript } else { nil } }
}
