import OratorCore

/// Settings for a Piper neural voice.
public struct PiperConfiguration: Sendable, Codable, Equatable {
    /// The voice's `.onnx` model (its `.onnx.json` must sit beside it). `NeuralVoiceCatalog`
    /// turns `joe` or `piper:PATH` into this path.
    public var modelPath: String
    /// Threads ONNX Runtime uses for one sentence, 1...16. One thread already speaks about 9x
    /// faster than real time on this project's 2-core machines, and a second adds more CPU work
    /// than speed while other work shares the cores (see BENCHMARKS.md).
    public var speechThreads: Int
    /// Speaking pace relative to the voice's own: 1 is natural, 1.25 is 25% slower, 0.8 faster
    /// (multiplies the voice's VITS length scale). 0.5...2.
    public var lengthScale: Double
    /// VITS noise scale (variation in the voice), or nil for the voice's own (Piper's 0.667).
    public var noiseScale: Double?
    /// VITS duration noise scale (variation in timing), or nil for the voice's own (0.8).
    public var noiseScaleW: Double?
    /// Pause inserted between sentences, in seconds.
    public var sentenceSilence: Double
    /// Speaker number for voices with several speakers.
    public var speaker: Int
    /// Seed of the voice's random variation: the same text, settings and seed give the same audio
    /// in every run. nil draws new variation each run. 0...16_777_215. Each seed in use keeps
    /// its own converted copy of the model in the cache (about 63 MB for a medium voice).
    public var seed: Int?
    /// The language of the text (such as `en-us`), or nil to accept the voice's language. A voice
    /// that speaks another language is refused.
    public var language: String?

    public init(modelPath: String, speechThreads: Int = 1, lengthScale: Double = 1, noiseScale: Double? = nil,
                noiseScaleW: Double? = nil, sentenceSilence: Double = 0.2, speaker: Int = 0, seed: Int? = 0, language: String? = nil) {
        self.modelPath = modelPath
        self.speechThreads = speechThreads
        self.lengthScale = lengthScale
        self.noiseScale = noiseScale
        self.noiseScaleW = noiseScaleW
        self.sentenceSilence = sentenceSilence
        self.speaker = speaker
        self.seed = seed
        self.language = language
    }

    /// Checks the numbers; the voice itself is checked when it is loaded.
    func validate() throws(OratorError) {
        guard (1...16).contains(speechThreads) else {
            throw OratorError(.invalidInput, "invalid speech threads \(speechThreads): use 1 to 16")
        }
        guard (0.5...2).contains(lengthScale) else {
            throw OratorError(.invalidInput, "invalid length scale \(lengthScale): use 0.5 (fast) to 2 (slow)")
        }
        for (name, value) in [("noise scale", noiseScale), ("duration noise scale", noiseScaleW)] {
            if let value, !(0...2).contains(value) {
                throw OratorError(.invalidInput, "invalid \(name) \(value): use 0 to 2")
            }
        }
        guard (0...5).contains(sentenceSilence) else {
            throw OratorError(.invalidInput, "invalid sentence silence \(sentenceSilence): use 0 to 5 seconds")
        }
        if let seed, !(0...16_777_215).contains(seed) {
            throw OratorError(.invalidInput, "invalid seed \(seed): use 0 to 16777215")
        }
        guard speaker >= 0 else { throw OratorError(.invalidInput, "invalid speaker \(speaker): use 0 or more") }
    }
}
