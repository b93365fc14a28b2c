import Foundation
import OratorCore

/// Writes a composition as a Standard MIDI File, format 1: a conductor track (tempo, time and key
/// signature) and one track per part, at `Composition.ticksPerBeat` ticks to the quarter note, so
/// a sequencer or notation program opens the bed for editing. A loop is written as its one body.
public enum MIDIFileWriter {
    /// The file's bytes.
    public static func data(_ composition: Composition) -> Data {
        let start = composition.audioStart
        let end = composition.isLoop ? start + (composition.sections.first?.length ?? 0) : Int.max
        var tracks = [conductor(composition)]
        for part in composition.parts {
            var events: [(tick: Int, order: Int, bytes: [UInt8])] = []
            let status = UInt8(part.channel)
            events.append((0, 0, trackName(part.role)))
            events.append((0, 1, [0xC0 | status, UInt8(part.program)]))
            for (controller, value) in [(7, part.volume), (10, part.pan), (91, part.reverb), (93, 0)] {
                events.append((0, 1, [0xB0 | status, UInt8(controller), UInt8(value)]))
            }
            for control in composition.controls where control.channel == part.channel && control.tick >= start && control.tick < end {
                events.append((control.tick - start, 2, [0xB0 | status, UInt8(control.controller), UInt8(control.value)]))
            }
            for note in composition.notes where note.channel == part.channel && note.start >= start && note.start < end {
                events.append((note.start - start, 3, [0x90 | status, UInt8(note.key), UInt8(note.velocity)]))
                events.append((min(note.end, end) - start, 1, [0x80 | status, UInt8(note.key), 0]))
            }
            // At one tick: note-offs and controllers first, then note-ons.
            let ordered = events.enumerated().sorted { ($0.element.tick, $0.element.order, $0.offset) < ($1.element.tick, $1.element.order, $1.offset) }
            tracks.append(track(ordered.map { ($0.element.tick, $0.element.bytes) }))
        }
        var file = Array("MThd".utf8) + be32(6) + be16(1) + be16(UInt16(tracks.count)) + be16(UInt16(Composition.ticksPerBeat))
        for track in tracks { file += track }
        return Data(file)
    }

    /// Writes the file atomically.
    public static func write(_ composition: Composition, to url: URL) throws(OratorError) {
        let output = try AtomicOutput(destination: url)
        do { try data(composition).write(to: output.temporary) } catch {
            output.discard()
            throw OratorError(.unwritableOutput, "cannot write \(url.path)", cause: "\(error)")
        }
        try output.commit()
    }

    /// Tempo, 4/4, the key signature and the title.
    private static func conductor(_ composition: Composition) -> [UInt8] {
        let microseconds = UInt32((60_000_000 / composition.tempo).rounded())
        let tempo: [UInt8] = [0xFF, 0x51, 0x03, UInt8(microseconds >> 16 & 0xFF), UInt8(microseconds >> 8 & 0xFF), UInt8(microseconds & 0xFF)]
        let meter: [UInt8] = [0xFF, 0x58, 0x04, UInt8(composition.beatsPerBar), 2, 24, 8]
        let key = composition.key
        // Sharps (positive) or flats of the key's signature, counted round the circle of fifths.
        let major = key.isMinor ? (key.tonic + 3) % 12 : key.tonic
        let fifths = [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5][major]
        let signature: [UInt8] = [0xFF, 0x59, 0x02, UInt8(bitPattern: Int8(fifths)), key.isMinor ? 1 : 0]
        let name = trackName("Orator \(composition.mood.rawValue) bed, \(composition.key), \(Int(composition.tempo.rounded())) BPM")
        return track([(0, name), (0, tempo), (0, meter), (0, signature)])
    }

    private static func trackName(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(127))
        return [0xFF, 0x03] + variableLength(bytes.count) + bytes
    }

    /// An `MTrk` chunk of events at absolute ticks (in order), with the end-of-track event.
    private static func track(_ events: [(Int, [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        var last = 0
        for (tick, bytes) in events {
            body += variableLength(max(0, tick - last)) + bytes
            last = max(last, tick)
        }
        body += [0x00, 0xFF, 0x2F, 0x00]
        return Array("MTrk".utf8) + be32(UInt32(body.count)) + body
    }

    /// MIDI's variable-length quantity: seven bits a byte, the high bit set on all but the last.
    static func variableLength(_ value: Int) -> [UInt8] {
        var value = value
        var bytes = [UInt8(value & 0x7F)]
        value >>= 7
        while value > 0 {
            bytes.insert(UInt8(value & 0x7F) | 0x80, at: 0)
            value >>= 7
        }
        return bytes
    }

    private static func be32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    private static func be16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
}
