import OratorCore

/// The intro and the ending, written from a bed's material, and the finished `Composition`.
extension Material {
    private static var bar: Int { 4 * ScoreBuilder.beat }

    /// The tonic held by the pad, fading in; the keys join in the last bar; hats and a soft kick count in.
    func intro(bars: Int, parts: inout MelodicParts, into score: inout ScoreBuilder) {
        var held = span(tonic, at: 0, bars: bars, after: spans[0])
        held.nextBass = spans[0].bass
        for key in held.pad {
            score.note(channel: MelodicParts.pad, key: key, velocity: 62, at: 0, beats: 0, length: Double(bars * 4), limit: held.end)
        }
        score.ramp(channel: MelodicParts.pad, controller: 11, from: 30, to: style.swells ? 70 : 110, at: 0, ticks: bars * Self.bar)
        var last = held
        last.start = (bars - 1) * Self.bar
        last.bars = 1
        parts.keys(last, into: &score, scale: 0.75)
        for bar in 0..<bars { drums?.bar(.countIn, at: bar * Self.bar, crash: false, into: &score) }
        score.tie(channel: MelodicParts.pad)
    }

    /// A cadence chord (with two bars), then the tonic struck once and held, with a crash.
    func ending(bars: Int, after previous: ChordSpan, parts: inout MelodicParts, into score: inout ScoreBuilder) {
        var previous = previous
        var start = 0
        if bars >= 2 {
            var draw = random.fork(5)
            let cadence = Chord(draw.pick(key.isMinor ? ["V", "bVII", "iv"] : ["V", "IV", "Vsus4"]))
            var turn = span(cadence, at: 0, bars: 1, after: previous)
            turn.nextBass = span(tonic, at: 0, bars: 1, after: turn).bass
            parts.pad(turn, into: &score)
            parts.keys(turn, into: &score)
            parts.bass(turn, into: &score)
            parts.timpani(turn, into: &score)
            drums?.bar(.groove, at: 0, crash: false, into: &score)
            previous = turn
            start = Self.bar
        }
        let final = span(tonic, at: start, bars: 1, after: previous)
        for key in final.pad {
            score.note(channel: MelodicParts.pad, key: key, velocity: 60, at: start, beats: 0, length: 4, limit: final.end)
        }
        score.ramp(channel: MelodicParts.pad, controller: 11, from: style.swells ? 86 : 110, to: 96, at: start, ticks: Self.bar)
        for key in final.keys {
            score.note(channel: MelodicParts.keys, key: key, velocity: 56, at: start, beats: 0, length: 4, limit: final.end)
        }
        score.note(channel: MelodicParts.bass, key: final.bass, velocity: 72, at: start, beats: 0, length: 4, limit: final.end)
        parts.timpani(final, into: &score, velocity: 90)
        drums?.bar(.final, at: start, crash: true, into: &score)
        score.tie(channel: MelodicParts.pad)
    }

    /// The composition of `score`, with the parts that play in it.
    func composition(_ score: ScoreBuilder, tempo: Double, sections: [Composition.Section], duration: Double,
                     audioStart: Int, loop: Bool) -> Composition {
        let (notes, controls) = score.finished()
        var parts = [
            Composition.Part(role: "pad", channel: MelodicParts.pad, program: programs.pad, volume: style.volumes.pad, pan: 50,
                             reverb: style.reverb, releaseOffset: style.release.pad),
            Composition.Part(role: "keys", channel: MelodicParts.keys, program: programs.keys, volume: style.volumes.keys, pan: 78,
                             reverb: style.reverb, releaseOffset: style.release.keys),
            Composition.Part(role: "bass", channel: MelodicParts.bass, program: programs.bass, volume: style.volumes.bass, pan: 64,
                             reverb: 24, releaseOffset: style.release.bass),
            Composition.Part(role: "timpani", channel: MelodicParts.timpani, program: 47, volume: 84, pan: 58, reverb: style.reverb),
        ]
        if let kit = programs.kit {
            parts.append(Composition.Part(role: "drums", channel: DrumPart.channel, program: kit, volume: style.volumes.drums, pan: 64,
                                          reverb: 30, releaseOffset: -1200))
        }
        let playing = Set(notes.map(\.channel))
        return Composition(mood: mood, tempo: tempo, key: key, beatsPerBar: 4, progression: progression.map(\.numeral),
                           parts: parts.filter { playing.contains($0.channel) }, notes: notes, controls: controls,
                           sections: sections, duration: duration, audioStart: audioStart, isLoop: loop)
    }
}
