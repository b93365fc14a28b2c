import Foundation
import OratorCore

/// Runs ffmpeg and ffprobe for tests and benchmarks and measures media with them,
/// independently of the Orator code under test.
public enum MediaTool {
    /// A measurement that could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Runs `name` (found on PATH) and returns its stdout and the tail of its stderr; throws
    /// (with its last stderr line) unless it exits with 0.
    @discardableResult
    public static func run(_ name: String, _ arguments: [String]) throws -> (output: Data, errors: String) {
        let child = try ChildProcess("/usr/bin/env", [name] + arguments, what: "\(name) \(arguments.joined(separator: " "))")
        let output = try child.readToEnd()
        try child.wait()
        return (output, child.errorText)
    }

    /// The standard output of `name`.
    public static func output(_ name: String, _ arguments: [String]) throws -> Data {
        try run(name, arguments).output
    }

    /// Integrated loudness (LUFS) and true peak (dBTP) from FFmpeg's ebur128 filter.
    public static func ebur128(_ url: URL) throws -> (integrated: Double, truePeak: Double) {
        let errors = try run("ffmpeg", ["-nostdin", "-nostats", "-i", url.path, "-vn", "-af", "ebur128=peak=true", "-f", "null", "-"]).errors
        guard let summary = errors.range(of: "Summary:", options: .backwards) else { throw Failure("no ebur128 summary") }
        let tail = String(errors[summary.upperBound...])
        func value(after label: String) throws -> Double {
            guard let range = tail.range(of: label) else { throw Failure("no '\(label)' in ebur128 summary") }
            let number = tail[range.upperBound...].drop { $0 == " " }.prefix { "-+.0123456789inf".contains($0) }
            guard let parsed = Double(number) else { throw Failure("bad '\(label)' value in ebur128 summary") }
            return parsed
        }
        return (try value(after: "I:"), try value(after: "Peak:"))
    }

    /// Decoded audio as mono float at `rate`.
    public static func monoSamples(_ url: URL, rate: Int = 16_000) throws -> [Float] {
        let data = try output("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-vn", "-ac", "1", "-ar", "\(rate)", "-f", "f32le", "pipe:1"])
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// Decoded frames as 8-bit grey, `width * height` bytes each.
    public static func grayFrames(_ url: URL, width: Int, height: Int) throws -> [[UInt8]] {
        let data = [UInt8](try output("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]))
        let size = width * height
        return stride(from: 0, to: data.count - size + 1, by: size).map { Array(data[$0..<$0 + size]) }
    }

    /// ffprobe's JSON for streams, format and chapters.
    public static func probeJSON(_ url: URL) throws -> [String: Any] {
        let data = try output("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-show_chapters", "-of", "json", url.path])
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw Failure("bad ffprobe json") }
        return json
    }

    /// Every packet FFmpeg's demuxer reads from a subtitle file: (start, end) in seconds.
    public static func packets(_ url: URL) throws -> [(start: Double, end: Double)] {
        let data = try output("ffprobe", ["-v", "error", "-show_packets", "-show_entries", "packet=pts_time,duration_time", "-of", "json", url.path])
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let packets = json?["packets"] as? [[String: Any]] ?? []
        return packets.map {
            let start = Double($0["pts_time"] as? String ?? "") ?? -1
            return (start, start + (Double($0["duration_time"] as? String ?? "") ?? -1))
        }
    }
}

/// A media file's streams and format as ffprobe reports them.
public enum MediaProbe {
    public struct Stream: Decodable {
        public var codec_type: String
        public var codec_name: String
        public var pix_fmt: String?
        public var sample_rate: String?
        public var width: Int?
        public var height: Int?
        public var duration: String?
        public var nb_frames: String?
    }
    public struct Format: Decodable {
        public var duration: String?
        public var format_name: String
    }
    public struct Probe: Decodable {
        public var streams: [Stream]
        public var format: Format
    }

    /// ffprobe's streams and format of `url`.
    public static func probe(_ url: URL) throws -> Probe {
        let data = try MediaTool.output("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", url.path])
        return try JSONDecoder().decode(Probe.self, from: data)
    }
}
