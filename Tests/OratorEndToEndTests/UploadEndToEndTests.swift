import Foundation
import OratorCore
import OratorFace
import OratorRender
import OratorTestSupport
import Testing

/// What `create` writes for an upload beside an episode: chapters in the MP4, the description,
/// the cover. Measured on the files: ffprobe, the PNG's pixels, dlib's face detector.
@Suite("orator create, upload-ready episodes", .serialized)
struct UploadEndToEndTests {
    static let script = """
        ---
        title: A Portrait Speaks, with Chapters
        ---
        # Hello
        Hello, I am an astronaut, and this is a short episode.
        # Goodbye
        That is all. Thank you for listening.
        """

    @Test("a portrait episode: chapters in the MP4, the description, a 1280x720 cover with the title and a face dlib finds")
    func portraitCover() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("talk.txt", contents: Self.script)
        let out = folder.file("talk.mp4"), cover = folder.file("cover.png")
        let result = try OratorBinary.run(["create", script.path, "-o", out.path, "--avatar", try TestFixtures.astronaut().path,
                                           "--size", "320x180", "--music", "none", "--still", "--no-cache", "-q", "--thumbnail", cover.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(folder.contents()) == ["talk.txt", "talk.mp4", "talk.description.txt", "cover.png"])

        let chapters = try #require(try MediaTool.probeJSON(out)["chapters"] as? [[String: Any]])
        let titles = chapters.map { ($0["tags"] as? [String: Any])?["title"] as? String ?? "" }
        let starts = chapters.map { Double($0["start_time"] as? String ?? "") ?? -1 }
        #expect(titles == ["Hello", "Goodbye"])
        #expect(starts.first == 0 && starts.count == 2 && starts[1] > 2, "\(starts)")
        let description = try String(contentsOf: folder.file("talk.description.txt"), encoding: .utf8)
        let second = EpisodeTimes.stamp(starts.last ?? 0)
        #expect(description == "A Portrait Speaks, with Chapters\n\n00:00 Hello\n\(second) Goodbye\n")

        // A real PNG of YouTube's size.
        let bytes = [UInt8](try Data(contentsOf: cover))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let image = try FramePNG.read(from: cover)
        #expect(image.size == FrameSize(width: 1280, height: 720))
        // The title column (left) is drawn on: its brightness varies far more than a plain gradient's.
        let deviation = Self.luminanceDeviation(image, x: 64..<620, y: 120..<600)
        #expect(deviation > 30, "title column deviation \(deviation)")
        // dlib finds the astronaut's face, on the right where the faces go.
        let faces = try FaceAnalyzer().faces(inImageAt: cover)
        #expect(faces.count >= 1)
        if let face = faces.first { #expect(face.box.center.x > 640, "face at \(face.box)") }
    }

    @Test("--thumbnail without a path writes OUT.thumbnail.png; two speakers, two faces")
    func defaultCoverPath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("show.txt", contents: EpisodeEndToEndTests.episode)
        let out = folder.file("show.mp4")
        let result = try OratorBinary.run(["create", script.path, "--thumbnail", "-o", out.path, "--size", "256x144",
                                           "--music", "none", "--still", "--no-cache", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(folder.contents()) == ["show.txt", "show.mp4", "show.description.txt", "show.thumbnail.png"])
        let image = try FramePNG.read(from: folder.file("show.thumbnail.png"))
        #expect(image.size == FrameSize(width: 1280, height: 720))
        #expect(Self.luminanceDeviation(image, x: 64..<580, y: 120..<600) > 30)
        let description = try String(contentsOf: folder.file("show.description.txt"), encoding: .utf8)
        #expect(description.hasPrefix("Test Show\n\n00:00 Opening\n") && description.contains(" Closing\n"), "\(description)")
    }

    @Test("a bad cover path: one clear line naming it, nothing written", arguments: [
        (["--thumbnail", "cover.jpg"], "cover.jpg must end in .png"),
        (["--thumbnail", "missing/cover.png"], "does not exist"),
        (["--avatar", "face.png", "--thumbnail", "face.png"], "face.png: it is an input"),
    ])
    func badCover(_ flags: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("show.txt", contents: EpisodeEndToEndTests.episode)
        _ = try folder.file("face.png", contents: "a photo")
        let flags = flags.map { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") ? folder.file($0).path : $0 }
        let result = try OratorBinary.run(["create", script.path, "-o", folder.file("show.mp4").path, "--no-cache", "-q"] + flags)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(Set(folder.contents()) == ["show.txt", "face.png"])
    }

    @Test("an episode never writes its description over an input")
    func descriptionOverInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("show.description.txt", contents: EpisodeEndToEndTests.episode)
        let result = try OratorBinary.run(["create", script.path, "-o", folder.file("show.mp4").path, "--no-cache", "-q"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: refusing to write") && result.stderr.contains("it is an input"), "\(result.stderr)")
        #expect(folder.contents() == ["show.description.txt"])
        #expect(try String(contentsOf: script, encoding: .utf8) == EpisodeEndToEndTests.episode)
    }

    /// The standard deviation of the luminance (0-255) of a region.
    static func luminanceDeviation(_ image: FrameBuffer, x: Range<Int>, y: Range<Int>) -> Double {
        var sum = 0.0, squares = 0.0, count = 0.0
        for row in y {
            for column in x {
                let index = (row * image.size.width + column) * 4
                let value = 0.114 * Double(image.pixels[index]) + 0.587 * Double(image.pixels[index + 1]) + 0.299 * Double(image.pixels[index + 2])
                sum += value
                squares += value * value
                count += 1
            }
        }
        let mean = sum / count
        return (squares / count - mean * mean).squareRoot()
    }
}

/// YouTube's chapter time written independently of Orator's formatter: mm:ss, seconds rounded down.
enum EpisodeTimes {
    static func stamp(_ seconds: Double) -> String {
        let whole = Int(seconds)
        return String(format: "%02d:%02d", whole / 60, whole % 60)
    }
}
