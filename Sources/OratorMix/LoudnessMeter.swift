internal import CEbur128
import Foundation
import OratorCore

/// An ITU-R BS.1770 / EBU R128 meter (integrated loudness and true peak) over interleaved float
/// audio, backed by one libebur128 state that this object owns and frees.
final class LoudnessMeter {
    /// Channels per frame of the audio it is fed.
    let channels: Int
    private var state: UnsafeMutablePointer<ebur128_state>?

    /// Makes a meter; `truePeak` adds the (slower) 4x-oversampled true-peak measurement.
    init(channels: Int, sampleRate: Int, truePeak: Bool) throws(OratorError) {
        self.channels = channels
        var mode = EBUR128_MODE_I.rawValue
        if truePeak { mode |= EBUR128_MODE_TRUE_PEAK.rawValue }
        state = ebur128_init(UInt32(channels), UInt(sampleRate), Int32(mode))
        guard state != nil else {
            throw OratorError(.internalFailure, "libebur128 could not start a loudness meter for \(channels) channels at \(sampleRate) Hz")
        }
    }

    deinit { ebur128_destroy(&state) }

    /// Feeds interleaved frames.
    func add(_ interleaved: [Float]) throws(OratorError) {
        let frames = interleaved.count / channels
        guard frames > 0 else { return }
        let status = interleaved.withUnsafeBufferPointer { ebur128_add_frames_float(state, $0.baseAddress, frames) }
        try Self.check(status, "adding audio")
    }

    /// Integrated (gated) loudness in LUFS so far; `-infinity` for silence.
    func integratedLoudness() throws(OratorError) -> Double {
        var value = 0.0
        try Self.check(ebur128_loudness_global(state, &value), "reading integrated loudness")
        return value
    }

    /// The highest true peak so far over all channels, in dBTP (`-infinity` for silence).
    func truePeak() throws(OratorError) -> Double {
        var highest = 0.0
        for channel in 0..<channels {
            var value = 0.0
            try Self.check(ebur128_true_peak(state, UInt32(channel), &value), "reading true peak")
            highest = max(highest, value)
        }
        return Decibels.fromAmplitude(highest)
    }

    /// Turns a libebur128 status code into an error.
    private static func check(_ status: Int32, _ what: String) throws(OratorError) {
        guard status != Int32(EBUR128_SUCCESS.rawValue) else { return }
        throw OratorError(.internalFailure, "libebur128 failed \(what)", cause: "status \(status)")
    }
}

/// Decibel conversions for amplitude ratios.
enum Decibels {
    /// 20·log10(amplitude); `-infinity` for zero.
    static func fromAmplitude(_ amplitude: Double) -> Double {
        amplitude > 0 ? 20 * log10(amplitude) : -.infinity
    }

    /// The amplitude ratio for a gain in dB.
    static func toAmplitude(_ decibels: Double) -> Double {
        pow(10, decibels / 20)
    }
}
