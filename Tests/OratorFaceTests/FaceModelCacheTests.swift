import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

/// dlib's face detector and landmark model, decoded once and then read back from Orator's cache.
@Suite("Face models kept in the cache", .serialized)
struct FaceModelCacheTests {
    @Test("both models are kept the first time, read back after, replaced when damaged, and find the same faces")
    func keptAndReadBack() throws {
        let folder = try TemporaryFolder("face-model-cache")
        let photo = try TestFixtures.astronaut()
        let decoded = try FaceAnalyzer(modelCache: nil).faces(inImageAt: photo)
        #expect(decoded.count == 1)
        #expect(folder.contents().isEmpty)

        let first = try FaceAnalyzer(modelCache: folder.url).faces(inImageAt: photo)
        let kept = folder.contents()
        #expect(kept.count == 2)
        #expect(kept.first?.hasPrefix("frontal_face_detector-dlib-") == true)
        #expect(kept.last?.hasPrefix("shape_predictor-dlib-") == true)
        let files = kept.map { folder.file($0) }
        let written = try files.map { try Data(contentsOf: $0) }
        #expect(written.first.map(\.count) ?? 0 > 100_000)
        #expect(written.last.map(\.count) ?? 0 > 60_000_000)

        let readBack = try FaceAnalyzer(modelCache: folder.url).faces(inImageAt: photo)
        #expect(try files.map { try Data(contentsOf: $0) } == written)

        try Data("not a detector".utf8).write(to: files[0])
        try Data(written[1].prefix(written[1].count / 2)).write(to: files[1])
        let repaired = try FaceAnalyzer(modelCache: folder.url).faces(inImageAt: photo)
        #expect(try files.map { try Data(contentsOf: $0) } == written)
        #expect(folder.contents() == kept)

        for faces in [first, readBack, repaired] {
            #expect(faces.map(\.box) == decoded.map(\.box))
            #expect(faces.map(\.points) == decoded.map(\.points))
        }
    }

    @Test("the kept landmark model is the one used, until the model file it came from changes")
    func keptModelFollowsItsFile() throws {
        let folder = try TemporaryFolder("face-model-stamp")
        let cache = folder.file("cache")
        let model = folder.file("landmarks.dat")
        try FileManager.default.copyItem(atPath: FaceAnalyzer.defaultModelPath, toPath: model.path)
        let photo = try TestFixtures.astronaut()
        let decoded = try FaceAnalyzer(modelPath: model.path, modelCache: nil).faces(inImageAt: photo)
        _ = try FaceAnalyzer(modelPath: model.path, modelCache: cache).faces(inImageAt: photo)
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("shape_predictor-") })
        let file = cache.appendingPathComponent(kept)

        // Move the mean shape the cascade starts from (136 floats after the 64-byte header and
        // their count): a predictor read from the cache now puts the points elsewhere.
        var bytes = try Data(contentsOf: file)
        for index in 0..<136 {
            let offset = 72 + 4 * index
            var value = bytes[offset..<offset + 4].withUnsafeBytes { $0.loadUnaligned(as: Float.self) }
            value += 0.05
            withUnsafeBytes(of: value) { bytes.replaceSubrange(offset..<offset + 4, with: $0) }
        }
        try bytes.write(to: file)
        let altered = try FaceAnalyzer(modelPath: model.path, modelCache: cache).faces(inImageAt: photo)
        #expect(altered.map(\.box) == decoded.map(\.box))
        #expect(altered.map(\.points) != decoded.map(\.points))

        // A model file touched since: decoded afresh and kept again.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: model.path)
        let redecoded = try FaceAnalyzer(modelPath: model.path, modelCache: cache).faces(inImageAt: photo)
        #expect(redecoded.map(\.points) == decoded.map(\.points))
        #expect(try Data(contentsOf: file) != bytes)
        let again = try FaceAnalyzer(modelPath: model.path, modelCache: cache).faces(inImageAt: photo)
        #expect(again.map(\.points) == decoded.map(\.points))
    }

    @Test("a cache folder that cannot be made still gives a working detector")
    func unwritableFolder() throws {
        let analyzer = try FaceAnalyzer(modelCache: URL(fileURLWithPath: "/proc/orator-no-cache/face"))
        #expect(try analyzer.faces(inImageAt: try TestFixtures.astronaut()).count == 1)
    }
}
