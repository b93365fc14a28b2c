import Foundation
import OratorAudio
import OratorCore
import OratorTestSupport
import Testing

/// The one WAV writer and reader, checked against FFmpeg's reading of the same files.
@Suite("WAV files")
struct WAVFileTests {
    @Test("mono floats are clipped and quantized; the header is the canonical 44 bytes", arguments: [1, 2])
    func writeAndProbe(_ channels: Int) throws {
        let folder = try TemporaryFolder("wav")
        let url = folder.file("out.wav")
        let writer = try WAVFileWriter(url: url, sampleRate: 24_000, channels: channels)
        try writer.append([Float](repeating: 0.5, count: 2400 * channels))
        try writer.appendSilence(seconds: 0.1)
        try writer.append([Float](repeating: 2, count: 2 * channels))
        try writer.close()
        #expect(writer.frameCount == 4802)
        let data = try Data(contentsOf: url)
        #expect(data.count == 44 + 4802 * 2 * channels)
        let probe = try MediaTool.probeJSON(url)
        let stream = try #require((probe["streams"] as? [[String: Any]])?.first)
        #expect(stream["channels"] as? Int == channels && stream["sample_rate"] as? String == "24000")
        let decoded = try MediaTool.output("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-f", "s16le", "pipe:1"])
        let values = decoded.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        #expect(values.count == 4802 * channels)
        #expect(values.first == 16383 && values[2400 * channels] == 0 && values.last == 32767)
    }

    @Test("a window of the first channel, silence outside the file")
    func readWindow() throws {
        let folder = try TemporaryFolder("wav")
        let url = folder.file("stereo.wav")
        let writer = try WAVFileWriter(url: url, sampleRate: 100, channels: 2)
        try writer.append(pcm16: (0..<200).map { Int16($0 % 2 == 0 ? $0 * 10 : -1) })
        try writer.close()
        let window = try WAVFileReader.read(url, from: 0.95, duration: 0.1)
        #expect(window.sampleRate == 100)
        let expected = (95..<100).map { Float(20 * $0) / 32768 } + [Float](repeating: 0, count: 5)
        #expect(window.samples == expected)
        let notWAV = try folder.file("text.wav", contents: "not a wav file at all")
        #expect(throws: OratorError.self) { try WAVFileReader.read(notWAV, from: 0, duration: 1) }
    }
}
