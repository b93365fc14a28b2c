import Foundation
import OratorCore
import OratorSpeech

/// A transcript spoken by libespeak-ng, kept only as features plus its exact phone and word
/// timings: the reference that a recording is aligned to.
struct TranscriptSpeech: Sendable {
    var features: AcousticFeatures
    var timeline: SpeechTimeline

    /// Longest stretch of text synthesized at once; longer transcripts go sentence by sentence,
    /// so the synthesized audio never has to be held whole.
    static let maximumChunkCharacters = 600

    /// Speaks `text` with `synthesizer` and analyses the result.
    init(text: String, synthesizer: EspeakSynthesizer) throws(OratorError) {
        features = AcousticFeatures()
        timeline = SpeechTimeline()
        for chunk in Self.chunks(of: text) {
            var segment = try synthesizer.synthesize(chunk)
            // Pad to a whole number of 10 ms frames so that chunk offsets stay on the frame grid.
            let rate = segment.audio.sampleRate
            let unit = rate / gcd(rate, 100)
            let remainder = segment.audio.samples.count % unit
            if remainder > 0 || segment.audio.samples.isEmpty {
                segment.audio.samples += repeatElement(0, count: unit - remainder)
            }
            var extractor = FeatureExtractor(sampleRate: rate)
            extractor.consume(segment.audio.samples)
            let chunkFeatures = extractor.finish()
            var chunkTimeline = segment.timeline
            chunkTimeline.duration = chunkFeatures.duration
            // Only words that cover spoken phones can be aligned; an empty one (which the
            // synthesizer can report at the end of a clause) would land on the last frame.
            let spoken = chunkTimeline.phones.filter { $0.phone != .silence }
            chunkTimeline.words = chunkTimeline.words.filter { word in
                !word.text.isEmpty && word.end > word.start
                    && spoken.contains { $0.start < word.end && $0.end > word.start }
            }
            timeline.append(chunkTimeline, at: features.duration)
            features.append(chunkFeatures)
        }
        timeline.duration = features.duration
    }

    /// Splits text into pieces of whole sentences (or lines) of at most `maximumChunkCharacters`.
    static func chunks(of text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if ".!?;\n".contains(character) {
                sentences.append(current)
                current = ""
            }
        }
        sentences.append(current)
        var chunks: [String] = []
        var chunk = ""
        for sentence in sentences where !sentence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            if !chunk.isEmpty, chunk.count + sentence.count > maximumChunkCharacters {
                chunks.append(chunk)
                chunk = ""
            }
            chunk += sentence
            while chunk.count > maximumChunkCharacters {
                let limit = chunk.index(chunk.startIndex, offsetBy: maximumChunkCharacters)
                var cut = chunk[..<limit].lastIndex(of: " ") ?? limit
                if cut == chunk.startIndex { cut = limit }
                chunks.append(String(chunk[..<cut]))
                chunk = String(chunk[cut...])
            }
        }
        if !chunk.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { chunks.append(chunk) }
        return chunks
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
