import Foundation
import OratorCore
@testable import OratorMusic
import Testing

/// The Standard MIDI File read back with a small reader written here.
@Suite("MIDI file")
struct MIDIFileTests {
    /// Format, tracks, division, and per track its note-ons (velocity > 0) and end-of-track marks.
    struct Parsed {
        var format = 0, tracks = 0, division = 0
        var noteOns: [Int] = []
        var tempo = 0
        var endTicks: [Int] = []
    }

    static func parse(_ data: Data) throws -> Parsed {
        let bytes = [UInt8](data)
        var parsed = Parsed()
        func be(_ at: Int, _ count: Int) -> Int { bytes[at..<at + count].reduce(0) { $0 << 8 | Int($1) } }
        try #require(bytes.count > 14 && String(decoding: bytes[0..<4], as: UTF8.self) == "MThd")
        parsed.format = be(8, 2); parsed.tracks = be(10, 2); parsed.division = be(12, 2)
        var at = 14
        while at + 8 <= bytes.count {
            try #require(String(decoding: bytes[at..<at + 4], as: UTF8.self) == "MTrk")
            let end = at + 8 + be(at + 4, 4)
            var position = at + 8, tick = 0, ons = 0
            while position < end {
                var delta = 0
                repeat { delta = delta << 7 | Int(bytes[position] & 0x7F); position += 1 } while bytes[position - 1] & 0x80 != 0
                tick += delta
                let status = bytes[position]
                if status == 0xFF {
                    let type = bytes[position + 1], length = Int(bytes[position + 2])
                    if type == 0x51 { parsed.tempo = be(position + 3, 3) }
                    if type == 0x2F { parsed.endTicks.append(tick) }
                    position += 3 + length
                } else {
                    if status & 0xF0 == 0x90, bytes[position + 2] > 0 { ons += 1 }
                    position += status & 0xF0 == 0xC0 ? 2 : 3
                }
            }
            parsed.noteOns.append(ons)
            at = end
        }
        return parsed
    }

    @Test("format 1: a conductor track and one track per part, every note once")
    func wholePiece() throws {
        let piece = try MusicComposer().compose(MusicRequest(mood: .upbeat, tempo: 120, seed: 3), length: 30)
        let parsed = try Self.parse(MIDIFileWriter.data(piece))
        #expect(parsed.format == 1 && parsed.division == 480)
        #expect(parsed.tracks == piece.parts.count + 1)
        #expect(parsed.noteOns.count == parsed.tracks && parsed.noteOns.first == 0)
        #expect(parsed.noteOns.reduce(0, +) == piece.notes.count)
        #expect(parsed.tempo == 500_000)
    }

    @Test("a loop's file holds one body")
    func loop() throws {
        let loop = try MusicComposer().composeLoop(MusicRequest(mood: .news, seed: 1))
        let parsed = try Self.parse(MIDIFileWriter.data(loop))
        #expect(parsed.noteOns.reduce(0, +) * 3 == loop.notes.count)
        #expect((parsed.endTicks.max() ?? 0) <= loop.sections[0].length)
    }

    @Test("variable-length quantities")
    func variableLength() {
        #expect(MIDIFileWriter.variableLength(0) == [0])
        #expect(MIDIFileWriter.variableLength(127) == [0x7F])
        #expect(MIDIFileWriter.variableLength(128) == [0x81, 0x00])
        #expect(MIDIFileWriter.variableLength(0x0FFF_FFFF) == [0xFF, 0xFF, 0xFF, 0x7F])
    }
}
