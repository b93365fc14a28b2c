internal import CFluidSynth
import Foundation
import OratorCore

/// One FluidSynth synthesizer with a SoundFont loaded, rendering offline: no audio driver, no
/// threads of its own (one CPU core, the thread-safe API off: only its owner calls it), samples
/// loaded only for the presets chosen. This object owns the settings and the synth and frees both.
final class FluidSynthesizer {
    private let settings: OpaquePointer
    private let synth: OpaquePointer
    /// Frames per second.
    let sampleRate: Int

    /// Silences FluidSynth's own logging (it writes to stderr); failures are reported by return codes.
    private static let quiet: Void = {
        for level in [FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG] {
            _ = fluid_set_log_function(Int32(level.rawValue), nil, nil)
        }
    }()

    /// Loads `soundFont` into a synth at `sampleRate` with `gain`, at most `polyphony` voices.
    init(soundFont: URL, sampleRate: Int, gain: Double, polyphony: Int, interpolation: MusicRenderConfiguration.Interpolation,
         reverb: MusicRenderConfiguration.Reverb) throws(OratorError) {
        Self.quiet
        guard FileManager.default.isReadableFile(atPath: soundFont.path) else {
            throw OratorError(.fileNotFound, "General MIDI SoundFont \(soundFont.path) not found: install Debian's fluid-soundfont-gm (./scripts/setup) or set ORATOR_SOUNDFONT")
        }
        guard let settings = new_fluid_settings() else { throw OratorError(.internalFailure, "FluidSynth could not make its settings") }
        self.settings = settings
        self.sampleRate = sampleRate
        let numbers: [(String, Double)] = [
            ("synth.sample-rate", Double(sampleRate)), ("synth.gain", gain), ("synth.reverb.room-size", reverb.roomSize),
            ("synth.reverb.damp", reverb.damping), ("synth.reverb.width", reverb.width), ("synth.reverb.level", reverb.level),
        ]
        let integers: [(String, Int)] = [
            ("synth.threadsafe-api", 0), ("synth.cpu-cores", 1), ("synth.lock-memory", 0), ("synth.dynamic-sample-loading", 1),
            ("synth.chorus.active", 0), ("synth.reverb.active", 1), ("synth.polyphony", polyphony),
        ]
        var problems: [String] = []
        for (name, value) in numbers where fluid_settings_setnum(settings, name, value) != FLUID_OK { problems.append(name) }
        for (name, value) in integers where fluid_settings_setint(settings, name, Int32(value)) != FLUID_OK { problems.append(name) }
        guard problems.isEmpty, let synth = new_fluid_synth(settings) else {
            delete_fluid_settings(settings)
            throw OratorError(.internalFailure, "FluidSynth \(Self.version) refused its settings", cause: problems.joined(separator: ", "))
        }
        self.synth = synth
        guard fluid_synth_sfload(synth, soundFont.path, 1) != FLUID_FAILED else {
            throw OratorError(.unreadableFile, "FluidSynth could not load the SoundFont \(soundFont.path) (not a SoundFont 2 file?)")
        }
        try check(fluid_synth_set_interp_method(synth, -1, Int32(interpolation.rawValue)), "setting the interpolation")
    }

    deinit {
        delete_fluid_synth(synth)
        delete_fluid_settings(settings)
    }

    /// FluidSynth's version, for cache keys and reports.
    static var version: String { String(cString: fluid_version_str()) }

    /// Selects `program` on `channel` (on the percussion channel, the drum kit).
    func program(channel: Int, program: Int) throws(OratorError) {
        try check(fluid_synth_program_change(synth, Int32(channel), Int32(program)), "selecting program \(program) on channel \(channel + 1)")
    }

    /// Adds `timecents` to the release time of every note on `channel`.
    func releaseOffset(channel: Int, timecents: Double) throws(OratorError) {
        try check(fluid_synth_set_gen(synth, Int32(channel), Int32(GEN_VOLENVRELEASE.rawValue), Float(timecents)), "setting a release time")
    }

    /// A controller change.
    func control(channel: Int, controller: Int, value: Int) throws(OratorError) {
        try check(fluid_synth_cc(synth, Int32(channel), Int32(controller), Int32(value)), "setting controller \(controller)")
    }

    /// Starts a note. A note FluidSynth cannot play (no voice left, a key the preset lacks) is skipped.
    func noteOn(channel: Int, key: Int, velocity: Int) {
        _ = fluid_synth_noteon(synth, Int32(channel), Int32(key), Int32(velocity))
    }

    /// Releases a note (FluidSynth reports a note already released; that is not an error here).
    func noteOff(channel: Int, key: Int) {
        _ = fluid_synth_noteoff(synth, Int32(channel), Int32(key))
    }

    /// The next `frames` frames, interleaved stereo, dry sound and reverb mixed, written over `buffer`.
    func render(frames: Int, into buffer: inout [Float]) throws(OratorError) {
        if buffer.count != frames * 2 { buffer = [Float](repeating: 0, count: frames * 2) }
        let status = buffer.withUnsafeMutableBufferPointer { samples in
            fluid_synth_write_float(synth, Int32(frames), samples.baseAddress, 0, 2, samples.baseAddress, 1, 2)
        }
        try check(status, "rendering")
    }

    /// Turns a FluidSynth status into an error.
    private func check(_ status: Int32, _ what: String) throws(OratorError) {
        guard status == FLUID_FAILED else { return }
        throw OratorError(.renderFailed, "FluidSynth failed \(what)")
    }
}
