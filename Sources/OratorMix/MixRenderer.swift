import Foundation
import OratorCore

/// Plays a `MixPlan` once, block by block: the intro, then the speech with its ducked, faded
/// music beds, then the outro. Every pass decodes long inputs afresh (short ones were kept
/// decoded by the plan), so memory does not grow with the episode.
struct MixRenderer {
    /// What to play.
    let plan: MixPlan
    /// Frames per block handed to the consumer.
    var blockFrames = 4_800

    /// Hands every block of the unmastered mix, in order, to `consume`.
    func render(_ consume: ([Float]) throws(OratorError) -> Void) throws(OratorError) {
        if let intro = plan.intro { try play(intro, consume) }
        try playBody(consume)
        if let outro = plan.outro { try play(outro, consume) }
    }

    /// A stinger at its gain, exactly as many frames as the plan measured.
    private func play(_ stinger: MixPlan.Stinger, _ consume: ([Float]) throws(OratorError) -> Void) throws(OratorError) {
        let reader = try ClipReader(stinger.clip, sampleRate: plan.sampleRate, channels: plan.channels)
        var done = 0
        while done < stinger.frames {
            let count = min(blockFrames, stinger.frames - done)
            try consume(try reader.read(frames: count).map { $0 * stinger.gain })
            done += count
        }
    }

    /// The speech track with every bed that overlaps it.
    private func playBody(_ consume: ([Float]) throws(OratorError) -> Void) throws(OratorError) {
        let channels = plan.channels
        let speech = try ClipReader(plan.speech, sampleRate: plan.sampleRate, channels: channels)
        var open: [Int: BedLoop] = [:]
        var cursor = 0
        var frame = 0
        while frame < plan.speechFrames {
            let count = min(blockFrames, plan.speechFrames - frame)
            var block = try speech.read(frames: count)
            let active = plan.beds.indices.filter { plan.beds[$0].startFrame < frame + count && plan.beds[$0].endFrame > frame }
            if !active.isEmpty {
                let ducking = plan.envelope.gains(firstSample: frame, count: count, sampleRate: plan.sampleRate, cursor: &cursor)
                for index in active {
                    let bed = plan.beds[index]
                    let loop = open[index] ?? BedLoop(bed.clip, sampleRate: plan.sampleRate, channels: channels,
                                                      crossfade: plan.loopCrossfade)
                    open[index] = loop
                    let from = max(frame, bed.startFrame)
                    let to = min(frame + count, bed.endFrame)
                    let music = try loop.read(frames: to - from)
                    let fades = BedFades(frames: bed.endFrame - bed.startFrame, sampleRate: plan.sampleRate,
                                         fadeIn: plan.fadeIn, fadeOut: plan.fadeOut)
                    for local in 0..<(to - from) {
                        let offset = from - frame + local
                        let gain = bed.gain * ducking[offset] * fades.gain(at: from - bed.startFrame + local)
                        for channel in 0..<channels { block[offset * channels + channel] += music[local * channels + channel] * gain }
                    }
                    if to == bed.endFrame { loop.stop(); open[index] = nil }
                }
            }
            try consume(block)
            frame += count
        }
        for loop in open.values { loop.stop() }
    }
}

/// Equal-power (quarter-sine) fade-in and fade-out over a bed of `frames` frames; fades that
/// would overlap are shortened in proportion.
struct BedFades {
    private let frames: Int
    private let fadeInFrames: Double
    private let fadeOutFrames: Double

    init(frames: Int, sampleRate: Int, fadeIn: Double, fadeOut: Double) {
        self.frames = frames
        let requested = (fadeIn + fadeOut) * Double(sampleRate)
        let scale = requested > Double(frames) && requested > 0 ? Double(frames) / requested : 1
        fadeInFrames = fadeIn * Double(sampleRate) * scale
        fadeOutFrames = fadeOut * Double(sampleRate) * scale
    }

    /// Gain at frame `index` of the bed.
    func gain(at index: Int) -> Float {
        var gain = 1.0
        let position = Double(index)
        if position < fadeInFrames { gain *= sin(Double.pi / 2 * position / fadeInFrames) }
        let remaining = Double(frames - index)
        if remaining < fadeOutFrames { gain *= sin(Double.pi / 2 * max(0, remaining) / fadeOutFrames) }
        return Float(gain)
    }
}
