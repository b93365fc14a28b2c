import Foundation
import OratorCore
import Testing
@testable import OratorPipeline

@Suite("The compose stage")
struct ComposeStageTests {
    @Test("keyed by mood, tempo, key, seed and length")
    func keys() throws {
        let base = ComposeStage(request: MusicRequest(mood: .calm, seed: 1), length: 30)
        #expect(try base.key() == ComposeStage(request: MusicRequest(mood: .calm, seed: 1), length: 30.0001).key())
        let changed = [
            ComposeStage(request: MusicRequest(mood: .news, seed: 1), length: 30),
            ComposeStage(request: MusicRequest(mood: .calm, tempo: 80, seed: 1), length: 30),
            ComposeStage(request: MusicRequest(mood: .calm, key: MusicKey(tonic: 2, isMinor: false), seed: 1), length: 30),
            ComposeStage(request: MusicRequest(mood: .calm, seed: 2), length: 30),
            ComposeStage(request: MusicRequest(mood: .calm, seed: 1), length: 31),
        ]
        for stage in changed { #expect(try stage.key() != base.key()) }
    }

    @Test("a bed and its MIDI file in the cache; the second run is a hit")
    func cached() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orator-compose-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder)
        let stage = ComposeStage(request: MusicRequest(mood: .ambient, seed: 4), length: 8)
        var runs = 0
        do {
            let first = try cache.output(stage: ComposeStage.name, key: stage.key()) { out throws(OratorError) in
                runs += 1
                try stage.run(into: out)
            }
            let wav = try Data(contentsOf: first.file(ComposeStage.file))
            #expect(wav.count == 44 + 8 * 48_000 * 4)
            #expect(FileManager.default.fileExists(atPath: first.file(ComposeStage.midi).path))
        }
        let second = try cache.output(stage: ComposeStage.name, key: stage.key()) { out throws(OratorError) in
            runs += 1
            try stage.run(into: out)
        }
        #expect(second.reused && runs == 1)
    }
}
