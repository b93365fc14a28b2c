/// The form of a whole piece for a requested length: how many bars of intro, body repeats and
/// ending, at what tempo, so that the ending's last chord has rung out when the time is up.
struct FormPlan: Sendable, Equatable {
    /// Bars of one body: the loop that repeats.
    static let bodyBars = 8

    var tempo: Double
    var introBars: Int
    /// Bars of each body repeat, in order; the last may be shorter than `bodyBars`.
    var bodies: [Int]
    var endingBars: Int
    /// Seconds of audio.
    var duration: Double

    var totalBars: Int { introBars + bodies.reduce(0, +) + endingBars }

    /// Plans `length` seconds. With no `requested` tempo, `drawn` (a tempo in the mood's range)
    /// is nudged, by at most 4%, so the bars end exactly where the ring-out must start.
    init(length: Double, ringOut: Double, beatsPerBar: Int, requested: Double?, drawn: Double) {
        duration = length
        let music = max(0, length - ringOut)
        var tempo = requested ?? drawn
        var bars = Int((music * tempo / 60 / Double(beatsPerBar)).rounded(.down))
        if requested == nil {
            let fitted = max(1, Int((music * tempo / 60 / Double(beatsPerBar)).rounded()))
            let fittedTempo = Double(fitted * beatsPerBar) * 60 / max(music, 0.001)
            if abs(fittedTempo / tempo - 1) <= 0.04 {
                tempo = fittedTempo
                bars = fitted
            }
        }
        self.tempo = tempo
        bars = max(1, bars)
        introBars = bars >= 8 ? 2 : bars >= 5 ? 1 : 0
        endingBars = bars >= 6 ? 2 : bars >= 3 ? 1 : 0
        var left = bars - introBars - endingBars
        var bodies: [Int] = []
        while left > 0 {
            bodies.append(min(Self.bodyBars, left))
            left -= Self.bodyBars
        }
        self.bodies = bodies
    }
}
