import Foundation
import OratorAudio
import OratorCore

/// Plays a composition through FluidSynth, in-process and faster than real time, into 16-bit
/// stereo audio: streamed block by block for a whole piece (memory stays flat however long it
/// is), or, for a loop, one body joined end to start.
public struct MusicRenderer: Sendable {
    public var configuration: MusicRenderConfiguration

    /// What renders, for reports and cache keys ("FluidSynth 2.3.1").
    public static var engine: String { "FluidSynth \(FluidSynthesizer.version)" }

    /// Makes a renderer.
    public init(configuration: MusicRenderConfiguration = MusicRenderConfiguration()) {
        self.configuration = configuration
    }

    /// Renders into `output`, in the format its extension names (`.wav`, `.ogg`, `.opus`, `.m4a`,
    /// `.mp3`, `.flac`), atomically.
    public func render(_ composition: Composition, to output: URL) throws(OratorError) {
        let writer = try AudioFileWriter(url: output, sampleRate: configuration.sampleRate, channels: 2)
        do {
            try render(composition) { block throws(OratorError) in try writer.append(pcm16: block) }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Renders, handing interleaved stereo 16-bit blocks to `sink` in order.
    public func render(_ composition: Composition, sink: ([Int16]) throws(OratorError) -> Void) throws(OratorError) {
        let rate = Double(configuration.sampleRate)
        let frames = Int((composition.duration * rate).rounded())
        guard frames > 0 else { throw OratorError(.invalidInput, "the composition is empty (no audio to render)") }
        let fade = composition.isLoop ? 0 : min(Int(configuration.finalFade * rate), frames / 4)
        var shaper = OutputShaper(frames: frames, fadeFrames: fade)
        if composition.isLoop {
            let seam = min(Int(configuration.loopCrossfade * rate), frames / 4)
            let start = frame(composition.audioStart, composition)
            var audio: [Float] = []
            audio.reserveCapacity((frames + seam) * 2)
            try play(composition, until: start + frames + seam) { block, first throws(OratorError) in
                let from = max(0, start - first)
                if from < block.count / 2 { audio += block[(from * 2)...] }
            }
            // The loop's first frames fade from the next body's start (which continues its last
            // frame exactly) into its own.
            for index in 0..<seam {
                let weight = Float(index) / Float(seam)
                for channel in 0..<2 {
                    let own = index * 2 + channel, next = (frames + index) * 2 + channel
                    audio[own] = audio[next] * (1 - weight) + audio[own] * weight
                }
            }
            try sink(shaper.shape(Array(audio.prefix(frames * 2))))
            return
        }
        try play(composition, until: frames) { block, _ throws(OratorError) in try sink(shaper.shape(block)) }
    }

    /// The audio frame of `tick`.
    private func frame(_ tick: Int, _ composition: Composition) -> Int {
        Int((composition.seconds(at: tick) * Double(configuration.sampleRate)).rounded())
    }

    /// Runs the synth from frame 0 to `end`, applying each event at its frame; `block` gets the
    /// float frames with the index of their first frame.
    private func play(_ composition: Composition, until end: Int,
                      block: ([Float], Int) throws(OratorError) -> Void) throws(OratorError) {
        let synth = try FluidSynthesizer(soundFont: configuration.soundFont, sampleRate: configuration.sampleRate,
                                         gain: MoodStyle.of(composition.mood).gain, polyphony: configuration.polyphony,
                                         interpolation: configuration.interpolation,
                                         reverb: configuration.reverb)
        for part in composition.parts {
            try synth.program(channel: part.channel, program: part.program)
            if part.releaseOffset != 0 { try synth.releaseOffset(channel: part.channel, timecents: part.releaseOffset) }
            for (controller, value) in [(7, part.volume), (10, part.pan), (91, part.reverb), (93, 0), (11, 110)] {
                try synth.control(channel: part.channel, controller: controller, value: value)
            }
        }
        let events = SynthEvent.schedule(composition) { frame($0, composition) }
        var position = 0
        var buffer: [Float] = []
        var next = 0
        let most = 4_096
        while position < end {
            while next < events.count, events[next].frame <= position {
                try events[next].apply(to: synth)
                next += 1
            }
            let stop = min(end, next < events.count ? events[next].frame : end, position + most)
            try synth.render(frames: stop - position, into: &buffer)
            try block(buffer, position)
            position = stop
        }
    }
}

/// The last touches on the way out: the final fade, a soft knee above -2 dBFS instead of hard
/// clipping, and rounding to 16 bits.
struct OutputShaper {
    let frames: Int
    let fadeFrames: Int
    private var position = 0

    init(frames: Int, fadeFrames: Int) {
        self.frames = frames
        self.fadeFrames = fadeFrames
    }

    mutating func shape(_ block: [Float]) -> [Int16] {
        var out = [Int16](repeating: 0, count: block.count)
        let knee: Float = 0.8
        for index in 0..<(block.count / 2) {
            let left = frames - position - index
            let gain: Float = fadeFrames > 0 && left <= fadeFrames ? Float(max(0, left - 1)) / Float(fadeFrames) : 1
            for channel in 0..<2 {
                var value = block[index * 2 + channel] * gain
                let magnitude = abs(value)
                if magnitude > knee { value = (value < 0 ? -1 : 1) * (knee + (1 - knee) * tanhf((magnitude - knee) / (1 - knee))) }
                out[index * 2 + channel] = Int16((value * 32767).rounded(.toNearestOrEven))
            }
        }
        position += block.count / 2
        return out
    }
}
