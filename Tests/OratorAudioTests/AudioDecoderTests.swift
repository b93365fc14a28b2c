import Foundation
import OratorAudio
import OratorCore
import OratorTestSupport
import Testing

/// The one audio decoder: any format FFmpeg reads, at the rate and channel count asked for, in
/// blocks; WAV read directly when allowed; errors that name the file.
@Suite("AudioDecoder")
struct AudioDecoderTests {
    /// A stereo tone (440 Hz left, 660 Hz right) made by FFmpeg, as `name` (format from the extension).
    func tone(_ folder: TemporaryFolder, _ name: String, seconds: Double = 1.5, rate: Int = 44_100) throws -> URL {
        let url = folder.file(name)
        try MediaTool.run("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=f=440:r=\(rate):d=\(seconds)",
                                     "-f", "lavfi", "-i", "sine=f=660:r=\(rate):d=\(seconds)",
                                     "-filter_complex", "[0:a][1:a]amerge=inputs=2", url.path])
        return url
    }

    func readAll(_ decoder: AudioDecoder, block: Int) throws -> [Float] {
        var samples: [Float] = []
        while true {
            let chunk = try decoder.read(frames: block)
            if chunk.isEmpty { break }
            samples += chunk
        }
        return samples
    }

    @Test("decodes to the rate and layout asked for, in full blocks, as FFmpeg itself does", arguments: [
        ("tone.flac", 2, 24_000), ("tone.mp3", 1, 16_000), ("tone.wav", 2, 48_000),
    ])
    func matchesFFmpeg(_ name: String, _ channels: Int, _ rate: Int) throws {
        let folder = try TemporaryFolder("decoder")
        let url = try tone(folder, name)
        let decoder = try AudioDecoder(url: url, sampleRate: rate, channels: channels)
        let first = try decoder.read(frames: 1000)
        #expect(first.count == 1000 * channels)
        let samples = first + (try readAll(decoder, block: 777))
        #expect(decoder.framesRead * channels == samples.count)
        let reference = try MediaTool.output("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-ac", "\(channels)", "-ar", "\(rate)",
                                                        "-f", "f32le", "pipe:1"])
        #expect(samples == reference.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) })
        #expect(try decoder.read(frames: 10).isEmpty)
    }

    @Test("16-bit WAV at an allowed rate is read at its own rate, channels mixed down")
    func nativeWAV() throws {
        let folder = try TemporaryFolder("decoder")
        let url = folder.file("direct.wav")
        let writer = try WAVFileWriter(url: url, sampleRate: 22_050, channels: 2)
        try writer.append(pcm16: [1000, 3000, -2000, -4000, 32767, 32767])
        try writer.close()
        let decoder = try AudioDecoder(url: url, sampleRate: 16_000, nativeWAVRates: 16_000...48_000)
        #expect(decoder.sampleRate == 22_050)
        #expect(try readAll(decoder, block: 2) == [2000 / 32768, -3000 / 32768, 32767 / 32768])
        let viaFFmpeg = try AudioDecoder(url: url, sampleRate: 16_000)
        #expect(viaFFmpeg.sampleRate == 16_000)
    }

    @Test("a file that is not audio, one with no samples, and a pipe are refused with the file named")
    func badInputs() throws {
        let folder = try TemporaryFolder("decoder")
        let text = try folder.file("notes.mp3", contents: "this is not sound\n")
        let notAudio = try #require(throws: OratorError.self) { try readAll(try AudioDecoder(url: text, role: "music file", sampleRate: 16_000), block: 100) }
        #expect(notAudio.code == .decodeFailed)
        #expect(notAudio.message == "cannot decode music file \(text.path): not an audio format FFmpeg reads")
        #expect(notAudio.cause?.isEmpty == false)

        let empty = folder.file("empty.wav")
        try WAVFileWriter(url: empty, sampleRate: 16_000).close()
        for native in [true, false] {
            let error = try #require(throws: OratorError.self) {
                try readAll(try AudioDecoder(url: empty, sampleRate: 16_000, nativeWAVRates: native ? 8_000...48_000 : nil), block: 100)
            }
            #expect(error.message == "audio file \(empty.path) contains no audio")
        }

        let missing = try #require(throws: OratorError.self) { try AudioDecoder(url: folder.file("none.wav"), sampleRate: 16_000) }
        #expect(missing.code == .fileNotFound)
        let fifo = folder.file("a.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let pipe = try #require(throws: OratorError.self) { try AudioDecoder(url: fifo, sampleRate: 16_000) }
        #expect(pipe.message.contains("is a pipe"))
    }

    @Test("stopping early ends FFmpeg; nothing more is read")
    func stopEarly() throws {
        let folder = try TemporaryFolder("decoder")
        let decoder = try AudioDecoder(url: try tone(folder, "long.flac", seconds: 20), sampleRate: 16_000)
        #expect(try decoder.read(frames: 4000).count == 4000)
        decoder.stop()
        #expect(try decoder.read(frames: 4000).isEmpty)
    }
}
