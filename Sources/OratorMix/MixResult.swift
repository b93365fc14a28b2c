import Foundation

/// What `PodcastMixer` wrote and what it measured on the finished file.
public struct MixResult: Sendable, Codable, Equatable {
    /// The finished 16-bit PCM WAV.
    public var output: URL
    /// Its sample rate in Hz.
    public var sampleRate: Int
    /// Its channel count (2: stereo, speech centred).
    public var channels: Int
    /// Its length in seconds.
    public var duration: Double
    /// Where the speech track starts in the output (the intro's length), in seconds. Captions,
    /// chapters and video frames timed on the speech track must be shifted by this.
    public var speechOffset: Double
    /// Integrated loudness of the output in LUFS, measured by libebur128 on the written samples.
    public var integratedLoudness: Double
    /// True peak of the output in dBTP, measured by libebur128 on the written samples.
    public var truePeak: Double
    /// Integrated loudness of the speech track alone before mastering, in LUFS.
    public var speechLoudness: Double
    /// Gain applied to the whole mix to reach the target, in dB.
    public var masterGain: Double
    /// The deepest gain reduction the true-peak limiter applied, in dB (0: it never acted).
    public var limiterReduction: Double
    /// How many mastering passes it took to land inside the loudness and peak limits.
    public var masteringPasses: Int
}
