import Foundation
import OratorCore

/// Which H.264 encoder to use. `automatic` takes NVENC only if a probe encode on the GPU
/// succeeds, otherwise libx264, and always says which it chose; asking for NVENC where it
/// cannot work is an error, never a silent fallback.
public enum EncoderChoice: String, Sendable, Codable, Equatable {
    case automatic = "auto"
    case libx264
    case nvenc

    public init(parsing text: String) throws(OratorError) {
        guard let choice = EncoderChoice(rawValue: text) else {
            throw OratorError(.invalidInput, "invalid encoder '\(text)': use auto, libx264 or nvenc")
        }
        self = choice
    }

    /// The codec to use, and why: probes NVENC when needed.
    public func resolve() throws(OratorError) -> (codec: VideoCodec, note: String) {
        switch self {
        case .libx264:
            return (.libx264, "libx264 (CPU), as asked")
        case .nvenc:
            let probe = NVENCProbe.run()
            guard probe.works else {
                throw OratorError(.encoderFailed, "--encoder nvenc cannot work on this machine", cause: probe.reason)
            }
            return (.nvenc, "h264_nvenc (GPU), as asked")
        case .automatic:
            let probe = NVENCProbe.run()
            return probe.works ? (.nvenc, "h264_nvenc (GPU): probe encode succeeded")
                : (.libx264, "libx264 (CPU): NVENC unavailable (\(probe.reason))")
        }
    }
}

/// The H.264 encoder FFmpeg runs.
public enum VideoCodec: String, Sendable, Codable, Equatable {
    case libx264
    case nvenc = "h264_nvenc"
}

/// Checks whether NVENC really encodes here: a tiny encode through FFmpeg, not just the
/// encoder list (FFmpeg lists h264_nvenc even without a GPU or driver).
public enum NVENCProbe {
    /// The result is computed once per process.
    public static func run() -> (works: Bool, reason: String) { cached }

    private static let cached: (works: Bool, reason: String) = {
        // Without NVIDIA's encoder library FFmpeg's h264_nvenc cannot open: no need to try.
        guard let library = dlopen("libnvidia-encode.so.1", RTLD_LAZY) else {
            return (false, "no NVIDIA encoder driver (libnvidia-encode.so.1) on this machine")
        }
        dlclose(library)
        guard let ffmpeg = try? ExternalTool.locate("ffmpeg") else { return (false, "ffmpeg not found") }
        do throws(OratorError) {
            try ChildProcess.run(ffmpeg, [
                "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=gray:s=256x256:d=0.2:r=25",
                "-c:v", "h264_nvenc", "-pix_fmt", "yuv420p", "-f", "null", "-",
            ], errorCode: .encoderFailed, what: "NVENC probe")
            return (true, "probe encode succeeded")
        } catch {
            return (false, error.cause ?? error.message)
        }
    }()
}
