import OratorCore
import Testing

/// Reading moods, keys and the words after `generate`.
@Suite("music requests")
struct MusicRequestTests {
    @Test("key names", arguments: [("C", 0, false), ("Am", 9, true), ("F#m", 6, true), ("Bb", 10, false), ("ebm", 3, true),
                                    ("G minor", 7, true), ("Db", 1, false), ("B", 11, false)])
    func keys(_ name: String, _ tonic: Int, _ minor: Bool) throws {
        let key = try MusicKey(name: name)
        #expect(key.tonic == tonic && key.isMinor == minor)
        #expect(try MusicKey(name: key.description) == key)
    }

    @Test("a bad key names the value and the fix", arguments: ["H", "Cx", "", "A mixolydian"])
    func badKey(_ name: String) throws {
        let error = try #require(throws: OratorError.self) { try MusicKey(name: name) }
        #expect(error.message.contains("'\(name)'") && error.message.contains("e.g. C, Am"))
    }

    @Test("the words after generate")
    func words() throws {
        #expect(try MusicRequest(words: "") == MusicRequest())
        #expect(try MusicRequest(words: "upbeat") == MusicRequest(mood: .upbeat))
        #expect(try MusicRequest(words: "lofi tempo=80 key=Dm seed=4")
            == MusicRequest(mood: .lofi, tempo: 80, key: MusicKey(tonic: 2, isMinor: true), seed: 4))
        #expect(try MusicRequest(words: "news,96bpm,seed=2") == MusicRequest(mood: .news, tempo: 96, seed: 2))
        #expect(try MusicRequest.generating("generate:ambient,seed=3") == MusicRequest(mood: .ambient, seed: 3))
        #expect(try MusicRequest.generating("Generate calm") == MusicRequest(mood: .calm))
        #expect(try MusicRequest.generating("generate") == MusicRequest())
        #expect(try MusicRequest.generating("music/generated.ogg") == nil)
        #expect(try MusicRequest.generating("generate.ogg") == nil)
    }

    @Test("bad words name the value and the fix", arguments: [
        ("jazzy", "unknown music mood 'jazzy' (use one of calm, upbeat, news, lofi, cinematic, ambient)"),
        ("calm tempo=900", "invalid tempo '900'"),
        ("calm loud", "unknown music setting 'loud'"),
        ("calm seed=-1", "invalid seed '-1'"),
    ])
    func badWords(_ words: String, _ message: String) throws {
        let error = try #require(throws: OratorError.self) { try MusicRequest(words: words) }
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }
}
