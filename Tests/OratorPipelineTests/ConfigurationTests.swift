import Foundation
import OratorCore
import Testing
@testable import OratorPipeline

@Suite("Configuration file and batch manifest")
struct ConfigurationTests {
    @Test("reads settings, speakers and presets")
    func parse() throws {
        let config = try OratorConfiguration.parse("""
            voice: en-gb
            rate: 180
            expression-scale: 1.2
            size: shorts
            presets:
              shorts: { size: 1080x1920, fps: 30 }
            speakers:
              ALEX: { voice: en-us, avatar: alex.jpg }
            """, source: "orator.yaml")
        #expect(config.settings.voice == "en-gb")
        #expect(config.settings.rate == 180)
        #expect(config.settings.expressionScale == 1.2)
        #expect(config.speakers?["ALEX"]?.avatar == "alex.jpg")
        let resolver = SettingsResolver(configuration: config)
        #expect(try resolver.frameSize("shorts") == FrameSize(width: 1080, height: 1920))
        #expect(try resolver.frameSize("landscape") == FrameSize(width: 1920, height: 1080))
    }

    @Test("unknown keys are errors naming the key", arguments: [
        ("colour: red", "colour"), ("speakers:\n  ALEX: { voise: en }", "speakers.ALEX.voise"), ("presets:\n  p: { size: 512, bitrate: 3 }", "presets.p.bitrate"),
    ])
    func unknownKeys(_ text: String, _ key: String) {
        let error = #expect(throws: OratorError.self) { try OratorConfiguration.parse(text, source: "orator.yaml") }
        #expect(error?.message.contains("'\(key)") == true, "\(error?.message ?? "")")
    }

    @Test("a value of the wrong type is an error")
    func wrongType() {
        #expect(throws: OratorError.self) { try OratorConfiguration.parse("rate: fast", source: "orator.yaml") }
    }

    @Test("frame slices cover every frame exactly once")
    func slices() throws {
        let total = 1001
        let slices = FrameSlice.chunks(total: total, framesPerChunk: 250)
        #expect(slices.count == 5)
        #expect(slices.flatMap { Array($0.range(of: total)) } == Array(0..<total))
        #expect(try FrameSlice(parsing: "2/4") == FrameSlice(index: 2, count: 4))
        #expect(throws: OratorError.self) { try FrameSlice(parsing: "4/4") }
    }
}

@Suite("Motion track file")
struct MotionTrackFileTests {
    @Test("round-trips every coefficient and reads slices")
    func roundTrip() throws {
        let frames = (0..<50).map { index in
            MotionFrame(mouthShape: MouthShape.allCases[index % 9], jawOpen: Float(index) / 50, lipRound: 0.25, lipStretch: 0.5,
                        lipPress: 0.75, teethOnLip: 0.1, tongueUp: 0.2, blinkLeft: 0.3, blinkRight: 0.4, browRaise: -0.5,
                        smile: 0.6, mouthFrown: 0.05, eyeWiden: -0.25, cheekRaise: 0.7, headYaw: 3.5, headPitch: -2.25, headRoll: 1.125, translateX: 0.001, translateY: -0.002)
        }
        let track = MotionTrack(fps: 29.97, frames: frames)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("motion-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try MotionTrackFile.write(track, to: url)
        #expect(try MotionTrackFile.read(url) == track)
        #expect(try MotionTrackFile.header(url).count == 50)
        #expect(try MotionTrackFile.read(url, frames: 10..<20).frames == Array(frames[10..<20]))
        try Data("not motion".utf8).write(to: url)
        #expect(throws: OratorError.self) { try MotionTrackFile.header(url) }
    }

    @Test("a version 1 file (14 coefficients, from before expressions) reads with neutral expressions")
    func readsVersionOne() throws {
        var bytes = Array("ORMT".utf8)
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes += $0 } }
        append(UInt32(1).littleEndian)
        append((25.0).bitPattern.littleEndian)
        append(UInt32(1).littleEndian)
        bytes.append(UInt8(MouthShape.allCases.firstIndex(of: .d)!))
        for value: Float in [0.5, 0, 0, 0, 0, 0, 0.25, 0.25, 0.3, 4, -2, 1, 0.01, 0.02] { append(value.bitPattern.littleEndian) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("motion-v1-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        let frame = try #require(try MotionTrackFile.read(url).frames.first)
        #expect(frame == MotionFrame(mouthShape: .d, jawOpen: 0.5, blinkLeft: 0.25, blinkRight: 0.25, browRaise: 0.3,
                                     headYaw: 4, headPitch: -2, headRoll: 1, translateX: 0.01, translateY: 0.02))
    }
}
