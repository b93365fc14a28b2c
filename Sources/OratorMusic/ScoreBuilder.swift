/// Collects the notes and controller changes of a piece as the part writers produce them, with
/// the small human touches (velocity and timing drawn from the seed, swung off-beats) applied in
/// one place, and notes on the same key never overlapping (a MIDI note-off cannot tell two
/// sounding notes of one key apart).
struct ScoreBuilder {
    static let beat = Composition.ticksPerBeat

    var notes: [Composition.Note] = []
    var controls: [Composition.Control] = []
    /// How late off-beat eighths fall, in beats.
    var swing: Double
    /// Draws for velocity and timing.
    var random: SplitMix64

    init(swing: Double, random: SplitMix64) {
        self.swing = swing
        self.random = random
    }

    /// The tick of `beats` after `start`, with an off-beat eighth swung.
    func tick(_ start: Int, beats: Double) -> Int {
        let eighths = beats * 2
        let swung = swing > 0 && eighths.rounded() == eighths && Int(eighths) % 2 == 1
        return start + Int(((beats + (swung ? swing : 0)) * Double(Self.beat)).rounded())
    }

    /// Adds a note `beats` into a span that starts at `start` and ends at `limit` (the note is cut
    /// there); `looseness` is the most it may drift early or late, in ticks.
    mutating func note(channel: Int, key: Int, velocity: Int, at start: Int, beats: Double, length: Double, limit: Int,
                       looseness: Int = 0, humanVelocity: Int = 4) {
        var begin = tick(start, beats: beats)
        if looseness > 0 { begin += random.between(-looseness...looseness) }
        begin = max(start, begin)
        let end = min(limit, begin + Int((length * Double(Self.beat)).rounded()))
        guard end > begin, (0...127).contains(key) else { return }
        let jitter = humanVelocity > 0 ? random.between(-humanVelocity...humanVelocity) : 0
        notes.append(Composition.Note(channel: channel, key: key, velocity: max(1, min(127, velocity + jitter)), start: begin,
                                      duration: end - begin))
    }

    /// A controller change.
    mutating func control(channel: Int, controller: Int, value: Int, at tick: Int) {
        controls.append(Composition.Control(channel: channel, controller: controller, value: max(0, min(127, value)), tick: tick))
    }

    /// Controller `controller` moving from `from` to `to` over `ticks`, a step every eighth note.
    mutating func ramp(channel: Int, controller: Int, from: Int, to: Int, at start: Int, ticks: Int) {
        let steps = max(1, ticks / (Self.beat / 2))
        for step in 0..<steps {
            let value = Double(from) + Double(to - from) * Double(step) / Double(steps)
            control(channel: channel, controller: controller, value: Int(value.rounded()), at: start + step * ticks / steps)
        }
    }

    /// Joins each note of `channel` to the next one on its key that starts where it ends, so a
    /// pad holds the tones two chords share instead of striking them again.
    mutating func tie(channel: Int) {
        let ordered = notes.indices.filter { notes[$0].channel == channel }
            .sorted { (notes[$0].key, notes[$0].start) < (notes[$1].key, notes[$1].start) }
        var drop = Set<Int>()
        var holder: Int?
        for index in ordered {
            if let held = holder, notes[held].key == notes[index].key, notes[held].end == notes[index].start {
                notes[held].duration += notes[index].duration
                drop.insert(index)
            } else {
                holder = index
            }
        }
        notes = notes.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// Moves every event by `offset` ticks.
    mutating func shift(by offset: Int) {
        for index in notes.indices { notes[index].start += offset }
        for index in controls.indices { controls[index].tick += offset }
    }

    /// Adds `other`'s events, moved by `offset` ticks and cut at `limit` (notes starting after
    /// it dropped, notes ringing past it shortened).
    mutating func append(_ other: ScoreBuilder, offset: Int, limit: Int = .max) {
        for note in other.notes where note.start + offset < limit {
            var moved = note
            moved.start += offset
            moved.duration = min(moved.duration, limit - moved.start)
            notes.append(moved)
        }
        controls += other.controls.filter { $0.tick + offset < limit }.map { var c = $0; c.tick += offset; return c }
    }

    /// Notes ordered by start (then channel and key), each cut where the next note of its key on
    /// its channel starts; controller changes ordered by tick.
    func finished() -> (notes: [Composition.Note], controls: [Composition.Control]) {
        var ordered = notes.sorted { ($0.start, $0.channel, $0.key, $0.velocity) < ($1.start, $1.channel, $1.key, $1.velocity) }
        var next: [Int: Int] = [:]
        var keep = [Bool](repeating: true, count: ordered.count)
        for index in ordered.indices.reversed() {
            let slot = ordered[index].channel * 128 + ordered[index].key
            if let later = next[slot] {
                if ordered[later].start == ordered[index].start {
                    keep[index] = false
                    continue
                }
                ordered[index].duration = min(ordered[index].duration, ordered[later].start - ordered[index].start)
            }
            next[slot] = index
        }
        let notes = zip(ordered, keep).filter(\.1).map(\.0)
        let controls = controls.enumerated().sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }.map(\.element)
        return (notes, controls)
    }
}
