import Foundation

/// Reads a media file's facts and decoded content with ffprobe and ffmpeg, independently of
/// Orator's own code.
enum MediaProbe {
    struct Stream: Decodable {
        var codec_type: String
        var codec_name: String
        var pix_fmt: String?
        var sample_rate: String?
        var width: Int?
        var height: Int?
        var duration: String?
    }
    struct Format: Decodable { var duration: String?; var format_name: String }
    struct Probe: Decodable { var streams: [Stream]; var format: Format }

    static func probe(_ url: URL) throws -> Probe {
        let data = try tool("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", url.path])
        return try JSONDecoder().decode(Probe.self, from: data)
    }

    /// Decoded frames as 8-bit grey, `width * height` bytes each.
    static func grayFrames(_ url: URL, width: Int, height: Int) throws -> [[UInt8]] {
        let data = [UInt8](try tool("ffmpeg", ["-v", "error", "-i", url.path, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]))
        let size = width * height
        return stride(from: 0, to: data.count - size + 1, by: size).map { Array(data[$0..<$0 + size]) }
    }

    /// Decoded mono audio at `rate` Hz.
    static func audio(_ url: URL, rate: Int = 16_000) throws -> [Float] {
        let data = try tool("ffmpeg", ["-v", "error", "-i", url.path, "-vn", "-ac", "1", "-ar", "\(rate)", "-f", "f32le", "pipe:1"])
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    static func tool(_ name: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return data
    }
}
