import OratorCore

/// What one bed is made of, drawn from the mood with the request's seed: key, tempo, progression,
/// instruments, rhythm variants, and the body (eight bars, voiced and written once, so every
/// repeat is the same). The intro and the ending are written from the same material.
struct Material {
    let style: MoodStyle
    let key: MusicKey
    let drawnTempo: Double
    let progression: [Chord]
    /// General MIDI programs of pad, keys and bass, and the drum kit (nil: no drums).
    let programs: (pad: Int, keys: Int, bass: Int, kit: Int?)
    /// The root of every draw not made here (forked per use).
    let random: SplitMix64
    /// The body's chords, ticks from the body's start.
    let spans: [ChordSpan]
    let body: ScoreBuilder
    /// The pitched parts' writer, ready for the intro and ending.
    let partWriter: MelodicParts
    let drums: DrumPart?
    let mood: MusicMood

    init(_ request: MusicRequest) throws(OratorError) {
        if let tempo = request.tempo, !MusicRequest.tempoRange.contains(tempo) {
            throw OratorError(.invalidInput, "invalid tempo \(tempo): use \(Int(MusicRequest.tempoRange.lowerBound)) to \(Int(MusicRequest.tempoRange.upperBound)) beats per minute, e.g. 90")
        }
        mood = request.mood
        let style = MoodStyle.of(request.mood)
        self.style = style
        let moodIndex = UInt64(MusicMood.allCases.firstIndex(of: request.mood) ?? 0)
        let random = SplitMix64(seed: request.seed).fork(moodIndex + 1)
        self.random = random
        var choices = random.fork(1)
        let minor = request.key?.isMinor ?? choices.chance(style.minorChance)
        let drawnKey = choices.pick(minor ? style.minorKeys : style.majorKeys)
        let key = request.key ?? drawnKey
        self.key = key
        drawnTempo = (choices.between(style.tempo) * 2).rounded() / 2
        let progression = choices.pick(minor ? style.minorProgressions : style.majorProgressions).map(Chord.init)
        self.progression = progression
        var instruments = random.fork(2)
        programs = (instruments.pick(style.padPrograms), instruments.pick(style.keysPrograms), instruments.pick(style.bassPrograms),
                    style.groove == nil ? nil : instruments.pick(style.drumKits))
        var rhythms = random.fork(3)
        let drums = style.groove.map { DrumPart(groove: $0, variant: rhythms.below(3)) }
        self.drums = drums
        var writer = MelodicParts(style: style, key: key, random: &rhythms)
        let chordsPerBody = FormPlan.bodyBars / style.barsPerChord
        let chords = (0..<chordsPerBody).map { progression[$0 % progression.count] }
        let spans = Self.voice(chords, barsPerChord: style.barsPerChord, style: style, key: key)
        self.spans = spans
        var body = ScoreBuilder(swing: style.swing, random: random.fork(4))
        for span in spans {
            writer.pad(span, into: &body)
            writer.keys(span, into: &body)
            writer.bass(span, into: &body)
            writer.timpani(span, into: &body)
            if !style.swells { body.control(channel: MelodicParts.pad, controller: 11, value: 110, at: span.start) }
        }
        if let drums {
            for bar in 0..<FormPlan.bodyBars {
                drums.bar(bar == FormPlan.bodyBars - 1 ? .fill : .groove, at: bar * 4 * ScoreBuilder.beat, crash: bar == 0 && style.groove != .boomBap, into: &body)
            }
        }
        body.tie(channel: MelodicParts.pad)
        self.body = body
        partWriter = writer
    }

    /// Voices the chords for pad and keys, each led from the one before; the body is voiced
    /// twice round and the second pass kept, so its first chord is led from its last (the loop).
    static func voice(_ chords: [Chord], barsPerChord: Int, style: MoodStyle, key: MusicKey) -> [ChordSpan] {
        let home = style.bassRange.lowerBound + 9
        var pad: [Int]?, keys: [Int]?
        var spans: [ChordSpan] = []
        for pass in 0..<2 {
            for (index, chord) in chords.enumerated() {
                let classes = chord.pitchClasses(in: key)
                pad = VoiceLeading(range: style.padRange, voices: style.padVoices).voice(classes, after: pad)
                let keyVoices = style.keysRhythm == .comp && classes.count > 3 ? 4 : style.keysRhythm == .arpeggio ? 4 : 3
                keys = VoiceLeading(range: style.keysRange, voices: keyVoices).voice(classes, after: keys)
                guard pass == 1 else { continue }
                let next = chords[(index + 1) % chords.count]
                spans.append(ChordSpan(chord: chord, start: index * barsPerChord * 4 * ScoreBuilder.beat, bars: barsPerChord,
                                       pad: pad!, keys: keys!, bass: Register.nearest(chord.rootPitchClass(in: key), to: home, in: style.bassRange),
                                       nextBass: Register.nearest(next.rootPitchClass(in: key), to: home, in: style.bassRange)))
            }
        }
        return spans
    }

    /// The tonic as the progression colours it (`Imaj7` in a progression that has it), else a triad.
    var tonic: Chord {
        progression.first { $0.root == 0 && ($0.intervals[1] == 3) == key.isMinor } ?? Chord(key.isMinor ? "i" : "I")
    }

    /// A span of `chord` at `start`, voice-led from `previous`.
    func span(_ chord: Chord, at start: Int, bars: Int, after previous: ChordSpan) -> ChordSpan {
        let classes = chord.pitchClasses(in: key)
        let home = style.bassRange.lowerBound + 9
        let bass = Register.nearest(chord.rootPitchClass(in: key), to: home, in: style.bassRange)
        return ChordSpan(chord: chord, start: start, bars: bars,
                         pad: VoiceLeading(range: style.padRange, voices: style.padVoices).voice(classes, after: previous.pad),
                         keys: VoiceLeading(range: style.keysRange, voices: previous.keys.count).voice(classes, after: previous.keys),
                         bass: bass, nextBass: bass)
    }
}
