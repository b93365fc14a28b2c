import Foundation
import OratorCore

/// Plays a music clip over and over for as long as asked, each repeat cross-fading (equal
/// power) into the next so the seam does not click. FFmpeg's `-stream_loop` is not used: it
/// drifts by the codec's padding on every repeat (mp3, AAC, Vorbis) and cannot loop files it
/// cannot seek in.
final class BedLoop {
    private let clip: DecodedClip
    private let sampleRate: Int
    private let channels: Int
    private let crossfade: Int
    private var repeats: [(start: Int, index: Int, reader: ClipReader)] = []
    private var nextRepeat = 0
    private var position = 0

    /// A loop of `clip`; `crossfade` seconds (at most a quarter of the clip) join the repeats.
    init(_ clip: DecodedClip, sampleRate: Int, channels: Int, crossfade: Double) {
        self.clip = clip
        self.sampleRate = sampleRate
        self.channels = channels
        self.crossfade = min(clip.frames / 4, Int((crossfade * Double(sampleRate)).rounded()))
    }

    deinit { for item in repeats { item.reader.stop() } }

    /// The next `count` frames of the loop.
    func read(frames count: Int) throws(OratorError) -> [Float] {
        var block = [Float](repeating: 0, count: count * channels)
        let end = position + count
        let period = clip.frames - crossfade
        while nextRepeat * period < end {
            repeats.append((nextRepeat * period, nextRepeat, try ClipReader(clip, sampleRate: sampleRate, channels: channels)))
            nextRepeat += 1
        }
        for item in repeats {
            let from = max(position, item.start), to = min(end, item.start + clip.frames)
            guard from < to else { continue }
            let samples = try item.reader.read(frames: to - from)
            for local in 0..<(to - from) {
                let frame = from - item.start + local
                let gain = seamGain(frame: frame, repeatIndex: item.index)
                for channel in 0..<channels {
                    block[(from - position + local) * channels + channel] += samples[local * channels + channel] * gain
                }
            }
        }
        repeats.removeAll { $0.start + clip.frames <= end }
        position = end
        return block
    }

    /// Fade-in over the first `crossfade` frames of every repeat but the first, fade-out over
    /// the last `crossfade` frames of each (the next repeat has started by then).
    private func seamGain(frame: Int, repeatIndex: Int) -> Float {
        guard crossfade > 0 else { return 1 }
        if repeatIndex > 0, frame < crossfade { return Float(sin(Double.pi / 2 * Double(frame) / Double(crossfade))) }
        let fromEnd = clip.frames - frame
        if fromEnd <= crossfade { return Float(sin(Double.pi / 2 * Double(fromEnd) / Double(crossfade))) }
        return 1
    }

    /// Stops every decoder.
    func stop() {
        for item in repeats { item.reader.stop() }
        repeats.removeAll()
    }
}
