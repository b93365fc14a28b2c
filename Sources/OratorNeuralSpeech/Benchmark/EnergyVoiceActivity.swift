import Foundation
import OratorCore

/// A plain energy detector, independent of the lip-sync code it checks: a 10 ms frame is speech
/// when its level is within 35 dB of the audio's loud frames (99th percentile) and above -50 dBFS.
enum EnergyVoiceActivity {
    /// Frames per second (that of `TrackComparison`).
    static let frameRate = 100

    static func frames(_ audio: PCMBuffer) -> [Bool] {
        let length = audio.sampleRate / frameRate
        guard length > 0 else { return [] }
        let count = audio.samples.count / length
        var levels: [Double] = []
        levels.reserveCapacity(count)
        for frame in 0..<count {
            var energy = 0.0
            for sample in audio.samples[frame * length..<(frame + 1) * length] { energy += Double(sample * sample) }
            levels.append(10 * log10(max(energy / Double(length), 1e-12)))
        }
        guard !levels.isEmpty else { return [] }
        let loud = levels.sorted()[Int(Double(levels.count - 1) * 0.99)]
        let threshold = max(-50, loud - 35)
        return levels.map { $0 >= threshold }
    }
}
