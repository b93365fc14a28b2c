/// Mono audio as floating-point samples in -1...1.
public struct PCMBuffer: Sendable, Equatable {
    public var sampleRate: Int
    public var samples: [Float]

    public init(sampleRate: Int, samples: [Float] = []) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// Length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }

    /// Silence of the given length.
    public static func silence(seconds: Double, sampleRate: Int) -> PCMBuffer {
        PCMBuffer(sampleRate: sampleRate, samples: [Float](repeating: 0, count: Int((seconds * Double(sampleRate)).rounded())))
    }
}

/// Speech audio for one stretch of text with the timing of what was said in it.
public struct SpeechSegment: Sendable {
    public var audio: PCMBuffer
    public var timeline: SpeechTimeline

    public init(audio: PCMBuffer, timeline: SpeechTimeline) {
        self.audio = audio
        self.timeline = timeline
    }
}
