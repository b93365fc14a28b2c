import OratorCore

/// A composition's notes and controller changes as synth calls at audio frames, in the order
/// they apply: at one frame, note-offs first, then controllers, then note-ons.
struct SynthEvent {
    enum Action {
        case noteOff(channel: Int, key: Int)
        case control(channel: Int, controller: Int, value: Int)
        case noteOn(channel: Int, key: Int, velocity: Int)
    }

    var frame: Int
    var action: Action

    private var order: Int {
        switch action {
        case .noteOff: 0
        case .control: 1
        case .noteOn: 2
        }
    }

    func apply(to synth: FluidSynthesizer) throws(OratorError) {
        switch action {
        case let .noteOff(channel, key): synth.noteOff(channel: channel, key: key)
        case let .control(channel, controller, value): try synth.control(channel: channel, controller: controller, value: value)
        case let .noteOn(channel, key, velocity): synth.noteOn(channel: channel, key: key, velocity: velocity)
        }
    }

    /// Every event of `composition`, ordered; `frame` converts ticks to frames.
    static func schedule(_ composition: Composition, frame: (Int) -> Int) -> [SynthEvent] {
        var events: [SynthEvent] = []
        events.reserveCapacity(composition.notes.count * 2 + composition.controls.count)
        for note in composition.notes {
            events.append(SynthEvent(frame: frame(note.start), action: .noteOn(channel: note.channel, key: note.key, velocity: note.velocity)))
            events.append(SynthEvent(frame: frame(note.end), action: .noteOff(channel: note.channel, key: note.key)))
        }
        for control in composition.controls {
            events.append(SynthEvent(frame: frame(control.tick),
                                     action: .control(channel: control.channel, controller: control.controller, value: control.value)))
        }
        return events.enumerated().sorted { ($0.element.frame, $0.element.order, $0.offset) < ($1.element.frame, $1.element.order, $1.offset) }
            .map(\.element)
    }
}
