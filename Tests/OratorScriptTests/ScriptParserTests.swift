import Foundation
import OratorCore
import Testing
@testable import OratorScript

@Suite("Script format")
struct ScriptParserTests {
    @Test("title, paragraphs joined across lines, blank lines as pauses")
    func structure() throws {
        let script = try ScriptParser(paragraphPause: 0.7).parse("""
            # Welcome

            Hello there.
            This is one paragraph.

            And this is another.
            """)
        #expect(script.title == "Welcome")
        #expect(script.segments == [
            .heading("Welcome", line: 1),
            .speech("Hello there. This is one paragraph.", line: 3, speaker: nil),
            .pause(0.7),
            .speech("And this is another.", line: 6, speaker: nil),
        ])
    }

    @Test("later headings are chapters; CRLF line ends work")
    func chapters() throws {
        let script = try ScriptParser().parse("# Show\r\nIntro.\r\n\r\n## Part two\r\nMore.\r\n")
        #expect(script.title == "Show")
        #expect(script.segments.contains(.heading("Part two", line: 4)))
        #expect(script.spokenText == "Intro.\n\nMore.")
    }

    @Test("missing, empty and non-UTF-8 files are clear errors")
    func badFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orator-script-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nope.txt")
        #expect(throws: OratorError.self) { try ScriptParser().parse(contentsOf: missing) }

        let empty = folder.appendingPathComponent("empty.txt")
        try Data("# Only a title\n\n".utf8).write(to: empty)
        let emptyError = #expect(throws: OratorError.self) { try ScriptParser().parse(contentsOf: empty) }
        #expect(emptyError?.code == .emptyScript)
        #expect(emptyError?.message.contains("empty.txt") == true)

        let binary = folder.appendingPathComponent("latin1.txt")
        try Data([0x48, 0xE9, 0xFF, 0xFE, 0x00]).write(to: binary)
        let binaryError = #expect(throws: OratorError.self) { try ScriptParser().parse(contentsOf: binary) }
        #expect(binaryError?.message.contains("UTF-8") == true)
    }
}
