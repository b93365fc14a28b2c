/// How `PodcastMixer` balances, ducks and masters an episode. Every field has a sensible default
/// for a spoken podcast: -16 LUFS integrated, true peak at most -1 dBTP, the bed 12 dB down under speech.
public struct PodcastMixConfiguration: Sendable, Codable, Equatable {
    /// Integrated loudness of the finished mix in LUFS (-16 for podcasts, -14 for some platforms, -23 for EBU broadcast).
    public var targetLoudness: Double
    /// Highest true peak allowed in the finished mix, in dBTP.
    public var truePeakCeiling: Double
    /// Largest distance from `targetLoudness` (in LU) the mastering passes accept before trying again.
    public var loudnessTolerance: Double
    /// Sample rate of the output WAV in Hz.
    public var sampleRate: Int
    /// Loudness of a music bed in the gaps between speech, relative to the speech, in LU (negative: quieter).
    public var bedLevel: Double
    /// Loudness of the intro and outro relative to the speech, in LU.
    public var stingerLevel: Double
    /// How the bed is ducked under speech.
    public var ducking: DuckingConfiguration
    /// Fade-in at the start of each bed, in seconds.
    public var bedFadeIn: Double
    /// Fade-out at the end of each bed, in seconds.
    public var bedFadeOut: Double
    /// Cross-fade joining the repeats of a bed shorter than its stretch, in seconds.
    public var loopCrossfade: Double

    /// Makes a configuration; every argument has the podcast default.
    public init(targetLoudness: Double = -16, truePeakCeiling: Double = -1, loudnessTolerance: Double = 0.3,
                sampleRate: Int = 48_000, bedLevel: Double = -8, stingerLevel: Double = 0,
                ducking: DuckingConfiguration = DuckingConfiguration(), bedFadeIn: Double = 1.5, bedFadeOut: Double = 3,
                loopCrossfade: Double = 0.5) {
        self.targetLoudness = targetLoudness
        self.truePeakCeiling = truePeakCeiling
        self.loudnessTolerance = loudnessTolerance
        self.sampleRate = sampleRate
        self.bedLevel = bedLevel
        self.stingerLevel = stingerLevel
        self.ducking = ducking
        self.bedFadeIn = bedFadeIn
        self.bedFadeOut = bedFadeOut
        self.loopCrossfade = loopCrossfade
    }
}

/// Speech-keyed ducking of the music bed.
public struct DuckingConfiguration: Sendable, Codable, Equatable {
    /// How far the bed drops under speech, in dB (positive).
    public var depth: Double
    /// How long before speech the bed starts to drop, in seconds; it is fully down when speech starts.
    public var lead: Double
    /// Pauses shorter than this (seconds) keep the bed down.
    public var hold: Double
    /// How long the bed takes to come back up after speech, in seconds.
    public var release: Double

    /// Makes a ducking configuration; the defaults drop 12 dB from 150 ms before speech,
    /// hold through pauses under 0.8 s and recover over 500 ms.
    public init(depth: Double = 12, lead: Double = 0.15, hold: Double = 0.8, release: Double = 0.5) {
        self.depth = depth
        self.lead = lead
        self.hold = hold
        self.release = release
    }
}
