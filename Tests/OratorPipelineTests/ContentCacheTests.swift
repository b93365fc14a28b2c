import Foundation
import OratorCore
import Testing
@testable import OratorPipeline

@Suite("Content-addressed cache")
struct ContentCacheTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orator-cache-\(UUID().uuidString)")

    func write(_ text: String, _ name: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("the same content at another path gives the same key; one changed option does not")
    func keys() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try write("hello", "a.txt"), b = try write("hello", "b.txt"), c = try write("hullo", "c.txt")
        let keyA = CacheKey(stage: "s", version: 1, parts: [try .file("in", a), try .value("size", 512)])
        let keyB = CacheKey(stage: "s", version: 1, parts: [try .file("in", b), try .value("size", 512)])
        #expect(keyA == keyB)
        #expect(keyA != CacheKey(stage: "s", version: 1, parts: [try .file("in", c), try .value("size", 512)]))
        #expect(keyA != CacheKey(stage: "s", version: 1, parts: [try .file("in", a), try .value("size", 256)]))
        #expect(keyA != CacheKey(stage: "s", version: 2, parts: [try .file("in", a), try .value("size", 512)]))
        #expect(keyA != CacheKey(stage: "t", version: 1, parts: [try .file("in", a), try .value("size", 512)]))
    }

    @Test("a stored entry is a hit; a corrupted one is detected and recomputed")
    func hitAndCorruption() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder.appendingPathComponent("cache"))
        let key = CacheKey(stage: "s", version: 1, parts: [try .value("x", 1)])
        var runs = 0
        func produce(_ out: URL) throws(OratorError) {
            runs += 1
            try? Data("result \(runs)".utf8).write(to: out.appendingPathComponent("out.txt"))
        }
        var firstFile: URL?
        do {
            // Outputs hold a shared lock while referenced; these go out of scope before the tampering.
            let first = try cache.output(stage: "s", key: key, produce: produce)
            #expect(!first.reused)
            firstFile = first.file("out.txt")
            let second = try cache.output(stage: "s", key: key, produce: produce)
            #expect(second.reused && runs == 1)
            #expect(try String(contentsOf: second.file("out.txt"), encoding: .utf8) == "result 1")
        }
        try Data("tampered".utf8).write(to: try #require(firstFile))
        let third = try cache.output(stage: "s", key: key, produce: produce)
        #expect(!third.reused && runs == 2)
        #expect(try String(contentsOf: third.file("out.txt"), encoding: .utf8) == "result 2")
    }

    @Test("a failing stage leaves no entry behind")
    func failureLeavesNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder.appendingPathComponent("cache"))
        let key = CacheKey(stage: "s", version: 1, parts: [])
        #expect(throws: OratorError.self) {
            try cache.output(stage: "s", key: key) { out throws(OratorError) in
                try? Data("half".utf8).write(to: out.appendingPathComponent("out.txt"))
                throw OratorError(.internalFailure, "boom")
            }
        }
        #expect(cache.stats().entries == 0)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: cache.scratchFolder.path)) ?? []).isEmpty)
    }

    @Test("threads asking for the same entry compute it once")
    func concurrentCompute() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder.appendingPathComponent("cache"))
        let key = CacheKey(stage: "s", version: 1, parts: [])
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            _ = try? cache.output(stage: "s", key: key) { out throws(OratorError) in
                counter.increment()
                usleep(100_000)
                try? Data("x".utf8).write(to: out.appendingPathComponent("f"))
            }
        }
        #expect(counter.value == 1)
    }

    @Test("stats count entries per stage; prune removes unused ones but not those in use")
    func statsAndPrune() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder.appendingPathComponent("cache"))
        for index in 0..<3 {
            _ = try cache.output(stage: index == 0 ? "speak" : "render", key: CacheKey(stage: "s", version: 1, parts: [try .value("i", index)])) {
                out throws(OratorError) in try? Data(repeating: 7, count: 1000).write(to: out.appendingPathComponent("f"))
            }
        }
        let held = try cache.output(stage: "render", key: CacheKey(stage: "s", version: 1, parts: [try .value("i", 1)])) { _ throws(OratorError) in }
        let stats = cache.stats()
        #expect(stats.entries == 3)
        #expect(stats.stages["render"]?.entries == 2)
        #expect(stats.bytes >= 3000)
        #expect(cache.prune(olderThan: 3600).entries == 0)
        let pruned = cache.prune(olderThan: 0)
        #expect(pruned.entries == 2, "the entry in use is kept")
        #expect(FileManager.default.fileExists(atPath: held.folder.path))
        #expect(try ContentCache.parseAge("7d") == 7 * 86400)
        #expect(throws: OratorError.self) { try ContentCache.parseAge("soon") }
    }
}

final class Counter: @unchecked Sendable {
    // Safe: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
