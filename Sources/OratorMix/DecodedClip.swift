import Foundation
import OratorAudio
import OratorCore

/// An input file measured once at the mix's format: its length, its loudness and, when short,
/// its decoded samples.
struct DecodedClip {
    /// The file.
    let url: URL
    /// What it is to the user ("music file"), for error messages.
    let role: String
    /// Length in frames at the mix's rate.
    let frames: Int
    /// Integrated loudness in LUFS (`-infinity` if silent).
    let loudness: Double
    /// The interleaved samples, kept only for short files.
    let samples: [Float]?

    /// Decodes `url` once, counting frames and measuring loudness; keeps the samples when the
    /// file has at most `keepUpTo` frames.
    static func scan(_ url: URL, role: String, sampleRate: Int, channels: Int, keepUpTo: Int) throws(OratorError) -> DecodedClip {
        let stream = try AudioDecoder(url: url, role: role, sampleRate: sampleRate, channels: channels)
        let meter = try LoudnessMeter(channels: channels, sampleRate: sampleRate, truePeak: false)
        var kept: [Float]? = keepUpTo > 0 ? [] : nil
        while true {
            let block = try stream.read(frames: sampleRate)
            if block.isEmpty { break }
            try meter.add(block)
            if stream.framesRead <= keepUpTo { kept?.append(contentsOf: block) } else { kept = nil }
        }
        return DecodedClip(url: url, role: role, frames: stream.framesRead, loudness: try meter.integratedLoudness(), samples: kept)
    }
}

/// One play-through of a clip: from memory when it was kept, else decoded again by FFmpeg.
/// It always yields exactly `clip.frames` frames; a file that decodes shorter than it did when
/// measured is an error naming it.
final class ClipReader {
    private let clip: DecodedClip
    private let channels: Int
    private let stream: AudioDecoder?
    private var position = 0

    init(_ clip: DecodedClip, sampleRate: Int, channels: Int) throws(OratorError) {
        self.clip = clip
        self.channels = channels
        stream = clip.samples == nil
            ? try AudioDecoder(url: clip.url, role: clip.role, sampleRate: sampleRate, channels: channels) : nil
    }

    /// The next `count` frames, or fewer at the end of the clip.
    func read(frames count: Int) throws(OratorError) -> [Float] {
        let wanted = min(count, clip.frames - position)
        guard wanted > 0 else { return [] }
        var block: [Float]
        if let samples = clip.samples {
            block = Array(samples[(position * channels)..<((position + wanted) * channels)])
        } else if let stream {
            block = try stream.read(frames: wanted)
            if block.count < wanted * channels {
                throw OratorError(.decodeFailed, "\(clip.role) \(clip.url.path) decoded shorter than before (did it change during the mix?)")
            }
        } else {
            block = []
        }
        position += wanted
        if position == clip.frames { stream?.stop() }
        return block
    }

    /// Stops decoding early.
    func stop() { stream?.stop() }
}
