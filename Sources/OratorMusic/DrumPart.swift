/// The light drum kit on General MIDI's percussion channel (10, index 9), in sixteenth-note steps.
struct DrumPart {
    static let channel = 9
    /// General MIDI percussion keys.
    enum Drum {
        static let kick = 36, sideStick = 37, snare = 38, clap = 39, closedHat = 42, openHat = 46, crash = 49
    }

    /// What a bar is for.
    enum Bar {
        /// The groove.
        case groove
        /// The groove with a fill into the next bar (the body's last bar).
        case fill
        /// Hats on the beats, a soft kick on one and three and a soft backbeat, counting in (the intro).
        case countIn
        /// A crash and a kick on the downbeat, then silence (the ending's last bar).
        case final
    }

    let groove: MoodStyle.Groove
    /// Which kick pattern this bed plays (drawn once).
    let variant: Int

    /// Writes one bar starting at `start`; `crash` adds a cymbal on its downbeat.
    func bar(_ kind: Bar, at start: Int, crash: Bool, into score: inout ScoreBuilder) {
        let end = start + 16 * ScoreBuilder.beat / 4
        // Notes as long as the sounds (a closed hat a sixteenth): fewer voices ringing under the release.
        func hit(_ drum: Int, _ step: Int, _ velocity: Int, ring: Double? = nil) {
            let ring = ring ?? (drum == Drum.closedHat ? 0.25 : 0.5)
            score.note(channel: Self.channel, key: drum, velocity: velocity, at: start, beats: Double(step) / 4, length: ring,
                       limit: end, humanVelocity: 3)
        }
        if crash || kind == .final { hit(Drum.crash, 0, kind == .final ? 84 : 68, ring: 4) }
        if kind == .final {
            hit(Drum.kick, 0, 92)
            return
        }
        if kind == .countIn {
            for step in [0, 4, 8, 12] { hit(Drum.closedHat, step, step == 0 ? 64 : 54) }
            for step in [0, 8] { hit(Drum.kick, step, 72) }
            for step in [4, 12] { hit(groove == .fourOnTheFloor ? Drum.clap : Drum.snare, step, 48) }
            return
        }
        let fillSteps: Set<Int> = kind == .fill ? (groove == .boomBap ? [14, 15] : [12, 13, 14, 15]) : []
        // Hats: eighths (one-e-and in the four-on-the-floor groove), off the fill's steps.
        for step in 0..<16 where !fillSteps.contains(step) {
            switch groove {
            case .pop where step % 2 == 0:
                if step == 14, variant != 0 { hit(Drum.openHat, step, 52) } else { hit(Drum.closedHat, step, step % 4 == 0 ? 62 : 48) }
            case .fourOnTheFloor where step % 4 != 3:
                if variant == 2, step % 4 == 2 { hit(Drum.openHat, step, 40) } else { hit(Drum.closedHat, step, [52, 28, 40][step % 4]) }
            case .boomBap where step % 2 == 0:
                hit(Drum.closedHat, step, step % 4 == 0 ? 46 : 26)
            default: break
            }
        }
        let kicks: [Int]
        switch groove {
        case .pop: kicks = [[0, 8], [0, 8, 10], [0, 6, 8, 10]][variant]
        case .fourOnTheFloor: kicks = [0, 4, 8, 12]
        case .boomBap: kicks = [[0, 10], [0, 7, 10], [0, 8, 10]][variant]
        }
        for step in kicks { hit(Drum.kick, step, step == 0 ? 96 : 86) }
        let backbeat = groove == .fourOnTheFloor ? Drum.clap : Drum.snare
        for step in [4, 12] where !fillSteps.contains(step) { hit(backbeat, step, groove == .fourOnTheFloor ? 62 : 80) }
        for (index, step) in fillSteps.sorted().enumerated() { hit(Drum.snare, step, 54 + index * 10) }
    }
}
