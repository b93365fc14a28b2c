import Foundation
import OratorAudio
import OratorCore

/// Mixes an episode: the speech track, music beds ducked under the speech, an optional intro and
/// outro; then masters it to a loudness target with the true peak under a ceiling, measured with
/// libebur128, and writes a 48 kHz stereo 16-bit WAV for the video encoder or the podcast export.
///
/// Memory stays flat with episode length: every pass streams the inputs through FFmpeg in 0.1 s
/// blocks. The inputs are decoded three times or more (measure each, measure the mix, master).
public struct PodcastMixer: Sendable {
    /// Levels, ducking and loudness target.
    public var configuration: PodcastMixConfiguration

    /// Makes a mixer.
    public init(configuration: PodcastMixConfiguration = PodcastMixConfiguration()) {
        self.configuration = configuration
    }

    /// Mixes and masters into `output` (written atomically).
    /// - Parameters:
    ///   - speech: the speech track, any format and rate FFmpeg reads (mono is centred).
    ///   - activity: when someone speaks, in seconds of the speech track (see `SpeechActivity`).
    ///   - beds: music under the speech; a file that does not decode is an error naming it.
    ///   - intro: played before the speech (it shifts the speech by its length: `MixResult.speechOffset`).
    ///   - outro: played after the speech.
    public func mix(speech: URL, activity: [ClosedRange<Double>], beds: [MusicBed] = [], intro: URL? = nil, outro: URL? = nil,
                    output: URL, progress: any StageProgressReporting = SilentProgress()) throws(OratorError) -> MixResult {
        try validate(beds: beds)
        let atomic = try AtomicOutput(destination: output)
        progress.begin(stage: "mix", total: nil)
        defer { progress.end(stage: "mix") }
        let plan = try MixPlan(speech: speech, activity: activity, beds: beds, intro: intro, outro: outro,
                               configuration: configuration, channels: 2)
        let renderer = MixRenderer(plan: plan)
        let premaster = try LoudnessMeter(channels: plan.channels, sampleRate: plan.sampleRate, truePeak: false)
        try renderer.render { block throws(OratorError) in try premaster.add(block) }
        let mixLoudness = try premaster.integratedLoudness()
        guard mixLoudness.isFinite else {
            throw OratorError(.invalidInput, "the mix of \(speech.path) is silent")
        }
        var mastering = MasteringPass(gain: configuration.targetLoudness - mixLoudness,
                                      limiterCeiling: configuration.truePeakCeiling - Self.limiterMargin)
        var previous: (gain: Double, loudness: Double)?
        for attempt in 1...Self.maximumPasses {
            let measured: MasteringPass.Measurement
            do { measured = try mastering.run(renderer, into: atomic.temporary) } catch {
                atomic.discard()
                throw error
            }
            let loudnessError = configuration.targetLoudness - measured.loudness
            let peakExcess = measured.truePeak - configuration.truePeakCeiling
            if abs(loudnessError) <= configuration.loudnessTolerance, peakExcess <= 0 {
                try atomic.commit()
                return MixResult(output: output, sampleRate: plan.sampleRate, channels: plan.channels,
                                 duration: Double(plan.totalFrames) / Double(plan.sampleRate),
                                 speechOffset: Double(plan.intro?.frames ?? 0) / Double(plan.sampleRate),
                                 integratedLoudness: measured.loudness, truePeak: measured.truePeak,
                                 speechLoudness: plan.speechLoudness, masterGain: mastering.gain,
                                 limiterReduction: measured.limiterReduction, masteringPasses: attempt)
            }
            // Limiting absorbs part of any gain increase: step by the error over the measured
            // loudness-per-dB slope (secant), which is 1 without limiting.
            var slope = 1.0
            if let previous, abs(mastering.gain - previous.gain) > 0.01 {
                slope = min(1, max(0.1, (measured.loudness - previous.loudness) / (mastering.gain - previous.gain)))
            }
            previous = (mastering.gain, measured.loudness)
            mastering.gain += loudnessError / slope
            if peakExcess > 0 { mastering.limiterCeiling -= peakExcess + 0.1 }
        }
        atomic.discard()
        throw OratorError(.internalFailure, "could not master \(output.path) to \(configuration.targetLoudness) LUFS with true peak under \(configuration.truePeakCeiling) dBTP in \(Self.maximumPasses) passes (the target may be too loud for this audio)")
    }

    /// Mastering passes tried before giving up.
    static let maximumPasses = 6
    /// How far under the ceiling the limiter aims, in dB: true-peak meters differ (FFmpeg's
    /// ebur128 reads a 12 kHz tone 0.6 dB higher than libebur128; speech and music far less).
    static let limiterMargin = 0.5

    private func validate(beds: [MusicBed]) throws(OratorError) {
        let c = configuration
        guard (-70.0 ... -5.0).contains(c.targetLoudness) else {
            throw OratorError(.invalidInput, "loudness target \(c.targetLoudness) LUFS is out of range (use -70 to -5, e.g. -16)")
        }
        guard (-20.0 ... 0.0).contains(c.truePeakCeiling) else {
            throw OratorError(.invalidInput, "true-peak ceiling \(c.truePeakCeiling) dBTP is out of range (use -20 to 0, e.g. -1)")
        }
        guard (8_000 ... 192_000).contains(c.sampleRate) else {
            throw OratorError(.invalidInput, "mix sample rate \(c.sampleRate) Hz is out of range")
        }
        for bed in beds {
            guard bed.start.isFinite, bed.start >= 0, bed.end.map({ $0.isFinite && $0 > bed.start }) ?? true else {
                throw OratorError(.invalidInput, "music bed \(bed.file.path) has a bad time span (start \(bed.start), end \(bed.end.map { "\($0)" } ?? "none"))")
            }
        }
    }
}

/// One mastering pass: master gain, true-peak limiter, 16-bit quantization, written and
/// measured (libebur128) on exactly the samples that go into the file.
struct MasteringPass {
    /// What the written file measured.
    struct Measurement {
        var loudness: Double
        var truePeak: Double
        var limiterReduction: Double
    }

    /// Gain applied before the limiter, in dB.
    var gain: Double
    /// The limiter's ceiling in dBTP (a little under the target ceiling, for detector error).
    var limiterCeiling: Double

    func run(_ renderer: MixRenderer, into url: URL) throws(OratorError) -> Measurement {
        let plan = renderer.plan
        let writer = try WAVFileWriter(url: url, sampleRate: plan.sampleRate, channels: plan.channels)
        let meter = try LoudnessMeter(channels: plan.channels, sampleRate: plan.sampleRate, truePeak: true)
        var limiter = TruePeakLimiter(channels: plan.channels, sampleRate: plan.sampleRate, ceilingDecibels: limiterCeiling)
        let linear = Float(Decibels.toAmplitude(gain))
        func write(_ samples: [Float]) throws(OratorError) {
            guard !samples.isEmpty else { return }
            let quantized = samples.map { Int16(clamping: Int(($0 * 32767).rounded())) }
            try writer.append(pcm16: quantized)
            try meter.add(quantized.map { Float($0) / 32768 })
        }
        try renderer.render { block throws(OratorError) in
            try write(limiter.process(block.map { $0 * linear }))
        }
        try write(limiter.flush())
        try writer.close()
        return Measurement(loudness: try meter.integratedLoudness(), truePeak: try meter.truePeak(),
                           limiterReduction: limiter.maxReduction)
    }
}
