import Foundation
import OratorCore
import Testing
@testable import OratorPipeline

/// A small real renderer: the whole frame is grey at the jaw's opening (0 closed, 255 wide), so
/// the video shows, frame by frame, what the motion did.
private struct JawLevelRenderer: FrameRendering {
    let size: FrameSize
    func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        let level = UInt8(max(0, min(1, motion.jawOpen)) * 255)
        for index in stride(from: 0, to: buffer.pixels.count, by: 4) {
            buffer.pixels[index] = level
            buffer.pixels[index + 1] = level
            buffer.pixels[index + 2] = level
            buffer.pixels[index + 3] = 255
        }
    }
}

@Suite("The pipeline run in-process with injected engines")
struct InProcessPipelineTests {
    @Test("espeak-ng speech and a jaw-level renderer: closed in the lead-in, open while speaking")
    func jawLevels() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("s.txt")
        try "Hello there, what a wonderful day to talk.".write(to: script, atomically: true, encoding: .utf8)
        let settings = try SettingsResolver().resolve([SettingsLayer(size: "32")])
        let request = CreateRequest(speech: .script(script), output: folder.appendingPathComponent("out.mp4"), settings: settings)
        let engines = Engines(synthesizer: Engines.standard.synthesizer, renderer: { _, size in JawLevelRenderer(size: size) })
        let summary = try TalkingHeadPipeline(engines: engines).create(request, cache: nil)

        let levels = try Self.frameMeans(folder.appendingPathComponent("out.mp4"), side: 32)
        #expect(levels.count == summary.frames)
        #expect(levels.count > 40)
        #expect(levels[0] < 20, "the mouth is closed in the 0.3 s lead-in, got \(levels[0])")
        #expect((levels.max() ?? 0) > 80, "the mouth opens while speaking, got at most \(levels.max() ?? 0)")
        #expect(levels.filter { $0 > 40 }.count > levels.count / 4, "open on many frames")
    }

    /// The mean grey level of each frame, decoded by FFmpeg.
    static func frameMeans(_ video: URL, side: Int) throws -> [Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ExternalTool.locate("ffmpeg"))
        process.arguments = ["-v", "error", "-i", video.path, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let frame = side * side
        return stride(from: 0, to: data.count - frame + 1, by: frame).map { start in
            Double(data[start..<(start + frame)].reduce(0) { $0 + Int($1) }) / Double(frame)
        }
    }
}
