import Foundation
import OratorAudio
import OratorCore
import OratorScript

/// Speaks a whole script into a WAV file, paragraph by paragraph, each with its speaker's voice,
/// and returns what was said and when. Audio goes straight to disk, so memory is bounded by one
/// paragraph.
public struct ScriptNarrator: Sendable {
    /// The voice of paragraphs without a speaker, and of speakers without their own.
    public var synthesizer: any SpeechSynthesizing
    /// Voices by speaker name.
    public var speakerVoices: [String: any SpeechSynthesizing]
    /// Silence before the first word, seconds (the presenter settles in).
    public var leadIn: Double
    /// Silence after the last word, seconds.
    public var tail: Double

    public init(synthesizer: any SpeechSynthesizing, speakerVoices: [String: any SpeechSynthesizing] = [:],
                leadIn: Double = 0.3, tail: Double = 0.5) {
        self.synthesizer = synthesizer
        self.speakerVoices = speakerVoices
        self.leadIn = leadIn
        self.tail = tail
    }

    /// Writes the speech for `script` to `wav`; `source` names the script in errors.
    /// `spoken` gets the timeline spoken so far after each paragraph, and after each sentence
    /// where the engine speaks sentence by sentence (its duration is where the speech so far
    /// ends), so a caller can start on it before the script is finished; it returns false when it
    /// wants no more.
    public func speak(_ script: Script, to wav: URL, source: String = "script",
                      progress: any StageProgressReporting = SilentProgress(),
                      spoken: ((SpeechTimeline) -> Bool)? = nil) throws(OratorError) -> Narration {
        var spoken = spoken
        let writer = try WAVFileWriter(url: wav, sampleRate: synthesizer.sampleRate)
        var narration = Narration()
        let paragraphs = script.segments.filter { if case .speech = $0 { true } else { false } }.count
        progress.begin(stage: "speech", total: paragraphs)
        try writer.appendSilence(seconds: leadIn)
        var expressions: [ScriptExpression] = []
        for segment in script.segments {
            switch segment {
            case let .speech(text, line, speaker):
                let voice = speaker.flatMap { speakerVoices[$0] } ?? synthesizer
                let start = writer.duration
                var result: SpeechSegment
                if let report = spoken, expressions.isEmpty {
                    // Sentence by sentence (a paragraph's expression cues are placed once it is whole).
                    let before = narration.timeline
                    var listening = true
                    result = try voice.synthesize(text) { part in
                        guard listening else { return }
                        var soFar = before
                        soFar.append(part, at: start)
                        listening = report(soFar)
                    }
                    if !listening { spoken = nil }
                } else {
                    result = try voice.synthesize(text)
                }
                guard result.timeline.phones.contains(where: { $0.phone != .silence }) else {
                    throw OratorError(.speechFailed, "\(source):\(line): nothing speakable in \"\(text.prefix(40))\" (\(voice.engineDescription) produced no speech)")
                }
                result.timeline.expressions = ExpressionPlacement.place(expressions, in: text, timeline: result.timeline)
                expressions.removeAll()
                narration.timeline.append(result.timeline, at: start)
                try writer.append(Resampler.convert(result.audio, to: writer.sampleRate).samples)
                narration.turns.append(SpeakerTurn(speaker: speaker, start: start, end: writer.duration,
                                                   words: result.timeline.words.map { $0.shifted(by: start) },
                                                   expressions: result.timeline.expressions.map { $0.shifted(by: start) }))
                if let report = spoken, !report(narration.timeline) { spoken = nil }
                progress.advance(stage: "speech", done: narration.turns.count, total: paragraphs)
                try progress.checkCancelled()
            case let .pause(seconds):
                try writer.appendSilence(seconds: seconds)
            case let .heading(title, _):
                narration.chapters.append(Narration.Chapter(title: title, start: writer.duration))
            case let .music(music, _):
                narration.musicCues.append(Narration.MusicCue(time: writer.duration, music: music))
            case let .expression(cue):
                expressions.append(cue)
            }
        }
        // Expressions after the last word hold from the end of the speech (the last speaker's).
        let end = writer.duration
        let trailing = expressions.map { TimedExpression(start: end, expression: $0.expression, intensity: $0.intensity) }
        narration.timeline.expressions += trailing
        if !trailing.isEmpty, !narration.turns.isEmpty { narration.turns[narration.turns.count - 1].expressions += trailing }
        try writer.appendSilence(seconds: tail)
        try writer.close()
        narration.timeline.duration = writer.duration
        progress.end(stage: "speech")
        return narration
    }
}

/// What a narration said and when, beyond the phones: who spoke, chapters, music cues.
public struct Narration: Sendable, Codable, Equatable {
    public struct Chapter: Sendable, Codable, Equatable {
        public var title: String
        public var start: Double
    }

    public struct MusicCue: Sendable, Codable, Equatable {
        public var time: Double
        /// The music as the script names it (a file relative to it, or a bed to compose); nil stops the music.
        public var music: ScriptMusic?
    }

    public var timeline = SpeechTimeline()
    public var turns: [SpeakerTurn] = []
    public var chapters: [Chapter] = []
    public var musicCues: [MusicCue] = []
}

/// One paragraph spoken by one speaker (nil: the only voice).
public struct SpeakerTurn: Sendable, Codable, Equatable {
    public var speaker: String?
    public var start: Double
    public var end: Double
    public var words: [TimedWord]
    /// The speaker's expression cues in this paragraph.
    public var expressions: [TimedExpression]

    public init(speaker: String?, start: Double, end: Double, words: [TimedWord], expressions: [TimedExpression] = []) {
        self.speaker = speaker
        self.start = start
        self.end = end
        self.words = words
        self.expressions = expressions
    }

    private enum CodingKeys: String, CodingKey { case speaker, start, end, words, expressions }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(speaker: try c.decodeIfPresent(String.self, forKey: .speaker), start: try c.decode(Double.self, forKey: .start),
                  end: try c.decode(Double.self, forKey: .end), words: try c.decode([TimedWord].self, forKey: .words),
                  expressions: try c.decodeIfPresent([TimedExpression].self, forKey: .expressions) ?? [])
    }
}

extension TimedWord {
    func shifted(by seconds: Double) -> TimedWord {
        TimedWord(text: text, start: start + seconds, end: end + seconds)
    }
}

/// Converts speech from an engine with another sample rate (linear interpolation is enough for
/// speech bound for AAC at 48 kHz).
enum Resampler {
    static func convert(_ audio: PCMBuffer, to rate: Int) -> PCMBuffer {
        guard audio.sampleRate != rate, audio.sampleRate > 0, !audio.samples.isEmpty else { return audio }
        let count = Int((Double(audio.samples.count) * Double(rate) / Double(audio.sampleRate)).rounded())
        let step = Double(audio.sampleRate) / Double(rate)
        var out = [Float](repeating: 0, count: count)
        for index in 0..<count {
            let position = Double(index) * step
            let lower = min(Int(position), audio.samples.count - 1)
            let upper = min(lower + 1, audio.samples.count - 1)
            let fraction = Float(position - Double(lower))
            out[index] = audio.samples[lower] * (1 - fraction) + audio.samples[upper] * fraction
        }
        return PCMBuffer(sampleRate: rate, samples: out)
    }
}
