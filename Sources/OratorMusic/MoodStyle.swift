import OratorCore

/// What a mood is made of: its tempo range, keys, chord progressions, instruments (General MIDI
/// programs, one drawn per bed), and the rhythm each part plays. The composer draws from these
/// pools with the request's seed.
struct MoodStyle: Sendable {
    /// How the keyboard (or plucked, or bell) part plays a chord.
    enum KeysRhythm: Sendable { case arpeggio, stabs, pulse, comp, motif, bells }
    /// How the bass plays a chord's root.
    enum BassRhythm: Sendable { case halves, eighths, pulse, walking, long }
    /// The drum groove (General MIDI channel 10); nil in a mood without a kit.
    enum Groove: Sendable { case pop, fourOnTheFloor, boomBap }

    var tempo: ClosedRange<Double>
    var majorKeys: [MusicKey]
    var minorKeys: [MusicKey]
    /// Chance that the key, when not requested, is minor.
    var minorChance: Double
    var majorProgressions: [[String]]
    var minorProgressions: [[String]]
    /// Bars each chord of the progression lasts.
    var barsPerChord: Int
    var padPrograms: [Int]
    var keysPrograms: [Int]
    var bassPrograms: [Int]
    /// Drum kits (programs on the percussion channel); empty: no drums.
    var drumKits: [Int]
    var keysRhythm: KeysRhythm
    var bassRhythm: BassRhythm
    var groove: Groove?
    /// How late the off-beat eighths fall, in beats (0: straight; 1/6: a full triplet swing).
    var swing: Double = 0
    /// Notes in a pad chord.
    var padVoices = 4
    var padRange: ClosedRange<Int> = 52...76
    var keysRange: ClosedRange<Int> = 57...81
    var bassRange: ClosedRange<Int> = 33...52
    /// Channel volumes (controller 7) of pad, keys, bass, drums.
    var volumes = (pad: 78, keys: 92, bass: 96, drums: 88)
    /// Reverb send (controller 91) of the melodic parts.
    var reverb = 60
    /// Pad expression swells over each chord (controller 11).
    var swells = false
    /// Timpani on chord changes (cinematic).
    var timpani = false
    /// Added to the release of pad, keys and bass, in timecents (-1200 halves it, -3600 an
    /// eighth): shorter tails where chords change every bar and notes repeat fast, so fewer voices
    /// ring at once; none in the slow moods whose long tails are their character.
    var release = (pad: -1200.0, keys: -1200.0, bass: 0.0)
    /// Seconds the last chord rings after the ending.
    var ringOut = 3.0
    /// FluidSynth's master gain for this mood, set so its beds come out near -20 LUFS (within
    /// about 3 LU: instruments drawn by the seed differ), true peak under -3 dBTP.
    var gain = 0.55

    static func of(_ mood: MusicMood) -> MoodStyle {
        switch mood {
        case .calm: return calm
        case .upbeat: return upbeat
        case .news: return news
        case .lofi: return lofi
        case .cinematic: return cinematic
        case .ambient: return ambient
        }
    }

    private static func keys(_ names: String) -> [MusicKey] {
        names.split(separator: " ").compactMap { try? MusicKey(name: String($0)) }
    }

    private static func progressions(_ text: String) -> [[String]] {
        text.split(separator: "|").map { $0.split(separator: " ").map(String.init) }
    }

    static let calm = MoodStyle(
        tempo: 68...84, majorKeys: keys("C D Eb F G A Bb"), minorKeys: keys("Am Em Dm"), minorChance: 0.15,
        majorProgressions: progressions("I V vi IV|I vi IV V|Imaj7 vi7 IVmaj7 V|I IV vi V|vi IV I V|I Vsus4 vi IVadd9"),
        minorProgressions: progressions("i bVI bIII bVII|i iv bVI v|i bVII bVI bVII|i7 iv7 bVImaj7 bVII"),
        barsPerChord: 2, padPrograms: [89, 88, 49], keysPrograms: [4, 46, 24], bassPrograms: [32, 33, 35], drumKits: [],
        keysRhythm: .arpeggio, bassRhythm: .halves, groove: nil, volumes: (70, 90, 90, 0), reverb: 70, gain: 2.15)

    static let upbeat = MoodStyle(
        tempo: 108...124, majorKeys: keys("C D E F G A Bb"), minorKeys: keys("Am Em Bm"), minorChance: 0.1,
        majorProgressions: progressions("I V vi IV|IV I V vi|I IV vi V|vi IV I V|I V IV V|I iii IV V"),
        minorProgressions: progressions("i bVI bIII bVII|i bVII bVI bVII|i iv bVII bIII"),
        barsPerChord: 1, padPrograms: [48, 50, 49], keysPrograms: [0, 1, 5], bassPrograms: [33, 34, 38], drumKits: [0, 8, 16],
        keysRhythm: .stabs, bassRhythm: .eighths, groove: .pop, padVoices: 3, volumes: (58, 88, 96, 92), reverb: 45, release: (-3600, -2400, -1200), gain: 1.6)

    static let news = MoodStyle(
        tempo: 96...112, majorKeys: keys("C D F G"), minorKeys: keys("Am Cm Dm Em Fm Gm"), minorChance: 0.8,
        majorProgressions: progressions("I V vi IV|I IV vi V|vi IV I V"),
        minorProgressions: progressions("i bVI bIII bVII|i iv bVI V|i bVII bVI bVII|i bVI iv V"),
        barsPerChord: 1, padPrograms: [50, 48, 49], keysPrograms: [45, 46, 5], bassPrograms: [38, 39, 33], drumKits: [24, 25, 0],
        keysRhythm: .pulse, bassRhythm: .pulse, groove: .fourOnTheFloor, padVoices: 3, volumes: (62, 84, 92, 86), reverb: 40,
        release: (-3600, -2400, -1200), gain: 1.4)

    static let lofi = MoodStyle(
        tempo: 72...88, majorKeys: keys("C D Eb F G Ab Bb"), minorKeys: keys("Am Dm Em Cm"), minorChance: 0.3,
        majorProgressions: progressions("ii7 V7 Imaj7 vi7|Imaj7 vi7 ii7 V7|IVmaj7 iii7 vi7 ii7|IVmaj7 V7 iii7 vi7"),
        minorProgressions: progressions("i7 iv7 bVImaj7 V7|i7 bVImaj7 iv7 v7|i7 iv7 bVIImaj7 bIIImaj7"),
        barsPerChord: 1, padPrograms: [94, 49], keysPrograms: [4, 5, 0], bassPrograms: [33, 32, 35], drumKits: [32, 40, 0],
        keysRhythm: .comp, bassRhythm: .walking, groove: .boomBap, swing: 0.1, volumes: (44, 96, 96, 84), reverb: 50,
        release: (-3600, -2400, -1200), gain: 1.65)

    static let cinematic = MoodStyle(
        tempo: 60...76, majorKeys: keys("C D Eb F"), minorKeys: keys("Am Cm Dm Em Gm"), minorChance: 0.75,
        majorProgressions: progressions("I vi IV V|IV I V vi|I bVII IV I"),
        minorProgressions: progressions("i bVI bIII bVII|i bVI iv V|bVI bVII i i|i iv bVI bVII"),
        barsPerChord: 2, padPrograms: [48, 49, 52], keysPrograms: [0, 46, 60], bassPrograms: [43, 42, 32], drumKits: [],
        keysRhythm: .motif, bassRhythm: .long, groove: nil, padRange: 48...74, bassRange: 28...47,
        volumes: (92, 76, 94, 0), reverb: 85, swells: true, timpani: true, release: (0, 0, 0), ringOut: 4, gain: 1.9)

    static let ambient = MoodStyle(
        tempo: 56...70, majorKeys: keys("C D E F G A"), minorKeys: keys("Am Em Dm"), minorChance: 0.3,
        majorProgressions: progressions("Iadd9 IVmaj7 vi7 IVadd9|Imaj7 iii7 IVmaj7 IVadd9|Iadd9 vi7 IVmaj7 Vsus4"),
        minorProgressions: progressions("i7 bVImaj7 bIIImaj7 bVII|i7 iv7 i7 bVImaj7"),
        barsPerChord: 2, padPrograms: [94, 92, 88, 95], keysPrograms: [10, 8, 11], bassPrograms: [35, 89], drumKits: [],
        keysRhythm: .bells, bassRhythm: .long, groove: nil, volumes: (90, 70, 78, 0), reverb: 95, swells: true, release: (0, 0, 0), ringOut: 4.5,
        gain: 2.5)
}
