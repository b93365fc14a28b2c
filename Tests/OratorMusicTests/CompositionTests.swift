import OratorCore
@testable import OratorMusic
import Testing

/// The composer's notes, without rendering: determinism, form, harmony, voice leading, drums.
@Suite("composition")
struct CompositionTests {
    @Test("the same request gives the same notes; another seed gives others", arguments: MusicMood.allCases)
    func deterministic(_ mood: MusicMood) throws {
        let composer = MusicComposer()
        let first = try composer.compose(MusicRequest(mood: mood, seed: 5), length: 45)
        let again = try composer.compose(MusicRequest(mood: mood, seed: 5), length: 45)
        let other = try composer.compose(MusicRequest(mood: mood, seed: 6), length: 45)
        #expect(first == again)
        #expect(first.notes != other.notes)
    }

    @Test("a whole piece: intro, bodies that repeat note for note, an ending, exactly the length asked", arguments: MusicMood.allCases)
    func form(_ mood: MusicMood) throws {
        let piece = try MusicComposer().compose(MusicRequest(mood: mood, seed: 3), length: 90)
        #expect(piece.duration == 90)
        #expect(piece.sections.first?.kind == .intro && piece.sections.last?.kind == .ending)
        let bodies = piece.sections(.body)
        #expect(bodies.count >= 2)
        let style = MoodStyle.of(mood)
        #expect(piece.tempo >= style.tempo.lowerBound * 0.96 && piece.tempo <= style.tempo.upperBound * 1.04)
        // The music ends where the ring-out begins.
        let ending = try #require(piece.sections.last)
        let musicEnd = piece.seconds(at: ending.start + ending.length)
        #expect(abs(musicEnd - (90 - style.ringOut)) < 0.01, "bars end at \(musicEnd) s")
        #expect(piece.notes.allSatisfy { $0.end <= ending.start + ending.length })
        // Each full body is the first one moved in time.
        func notes(in section: Composition.Section) -> [Composition.Note] {
            piece.notes.filter { $0.start >= section.start && $0.start < section.start + section.length }
                .map { var n = $0; n.start -= section.start; return n }
        }
        let full = bodies.filter { $0.length == bodies[0].length }
        #expect(full.count >= 2)
        for body in full.dropFirst() { #expect(notes(in: body) == notes(in: full[0])) }
    }

    @Test("requested tempo and key are kept exactly")
    func requested() throws {
        let key = try MusicKey(name: "F#m")
        let piece = try MusicComposer().compose(MusicRequest(mood: .news, tempo: 101, key: key, seed: 9), length: 60)
        #expect(piece.tempo == 101 && piece.key == key)
        // The pad's notes all belong to chords of F# minor's progression.
        let tonic = piece.notes.filter { $0.channel == 0 && $0.start == 0 }.map { $0.key % 12 }
        #expect(Set(tonic).isSubset(of: [6, 9, 1, 4]), "intro chord \(tonic)")
    }

    @Test("pad chords move smoothly: on average under 3 semitones a voice from chord to chord", arguments: MusicMood.allCases)
    func voiceLeading(_ mood: MusicMood) throws {
        let piece = try MusicComposer().compose(MusicRequest(mood: mood, seed: 11), length: 60)
        // The pad's sounding notes at each chord change (held common tones included).
        let pad = piece.notes.filter { $0.channel == 0 }
        let starts = Set(pad.map(\.start)).sorted()
        let chords = starts.map { start in pad.filter { $0.start <= start && $0.end > start }.map(\.key).sorted() }
        var moves: [Double] = []
        for (a, b) in zip(chords, chords.dropFirst()) where a.count == b.count {
            moves.append(Double(zip(a, b).map { abs($0 - $1) }.reduce(0, +)) / Double(a.count))
        }
        #expect(!moves.isEmpty)
        #expect(moves.reduce(0, +) / Double(moves.count) < 3, "\(moves)")
    }

    @Test("drums on General MIDI's channel 10 in the moods that have a kit, none in the others", arguments: MusicMood.allCases)
    func drums(_ mood: MusicMood) throws {
        let piece = try MusicComposer().compose(MusicRequest(mood: mood), length: 40)
        let drummed = piece.notes.contains { $0.channel == 9 }
        #expect(drummed == [.upbeat, .news, .lofi].contains(mood))
        #expect(piece.parts.contains { $0.channel == 9 } == drummed)
    }

    @Test("notes are valid MIDI and never overlap on one key of one channel", arguments: MusicMood.allCases)
    func validNotes(_ mood: MusicMood) throws {
        let piece = try MusicComposer().compose(MusicRequest(mood: mood, seed: 2), length: 75)
        #expect(piece.notes.allSatisfy { (0...127).contains($0.key) && (1...127).contains($0.velocity) && $0.duration > 0 })
        var last: [Int: Int] = [:]
        for note in piece.notes {
            let slot = note.channel * 128 + note.key
            if let end = last[slot] { #expect(note.start >= end) }
            last[slot] = note.end
        }
    }

    @Test("a loop is one body after a body, and short lengths still make a piece")
    func loopAndShort() throws {
        let loop = try MusicComposer().composeLoop(MusicRequest(mood: .lofi, seed: 4))
        #expect(loop.isLoop && loop.sections.count == 3 && loop.audioStart == loop.sections[1].start)
        #expect(abs(loop.duration - loop.seconds(at: loop.sections[0].length)) < 1e-9)
        for length in [1.0, 4, 9] {
            let piece = try MusicComposer().compose(MusicRequest(mood: .calm), length: length)
            #expect(piece.duration == length && !piece.notes.isEmpty)
        }
    }

    @Test("bad lengths and tempi are refused with the fix")
    func refused() throws {
        #expect(throws: OratorError.self) { try MusicComposer().compose(MusicRequest(), length: 0) }
        #expect(throws: OratorError.self) { try MusicComposer().compose(MusicRequest(tempo: 500), length: 30) }
        let error = try #require(throws: OratorError.self) { try MusicComposer.length("soon") }
        #expect(error.message.contains("'soon'") && error.message.contains("e.g. 60s"))
        #expect(try MusicComposer.length("1m30s") == 90)
        #expect(try MusicComposer.length("2m") == 120)
        #expect(try MusicComposer.length("1:05") == 65)
        #expect(try MusicComposer.length("45") == 45)
    }
}
