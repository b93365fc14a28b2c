import Foundation
import OratorCore

/// Streams raw planar YUV 4:2:0 frames into an FFmpeg subprocess that encodes them, with the audio, into MP4.
///
/// Frames are written to FFmpeg's stdin as they are rendered, so memory does not grow with the
/// length of the video. If FFmpeg fails, the next `write` or `finish` throws with its message.
public final class FFmpegVideoEncoder {
    public let configuration: VideoEncoderConfiguration
    /// Where FFmpeg writes (normally an `AtomicOutput`'s temporary file).
    public let output: URL
    /// Frames written so far.
    public private(set) var frameCount = 0

    private let child: ChildProcess
    private var finished = false
    private var scratch: PlanarFrame?

    /// Starts FFmpeg. `audio` is muxed as the soundtrack when given; `videoFilter` (an FFmpeg
    /// filter graph such as `subtitles=...`) is applied to the frames before encoding.
    public init(configuration: VideoEncoderConfiguration, audio: URL?, output: URL, videoFilter: String? = nil) throws(OratorError) {
        self.configuration = configuration
        self.output = output
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        child = try ChildProcess(ffmpeg, configuration.ffmpegArguments(audio: audio?.path, output: output.path, videoFilter: videoFilter),
                                 errorCode: .encoderFailed, what: "encoding \(output.lastPathComponent)", input: .pipe, output: .discard)
        guard let input = child.input else {
            throw OratorError(.internalFailure, "ffmpeg was started without an input pipe")
        }
        Self.widen(input)
    }

    /// Asks Linux for a 1 MiB pipe (F_SETPIPE_SZ; the default is 64 KiB), so a frame crosses to
    /// FFmpeg in one or a few writes instead of sixteen context switches. A refusal is harmless.
    private static func widen(_ handle: FileHandle) {
        #if os(Linux)
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, which Glibc's Swift module does not export
        _ = fcntl(handle.fileDescriptor, setPipeSize, Int32(1 << 20))
        #endif
    }

    deinit {
        if !finished { cancel() }
    }

    /// Sends one BGRA frame to the encoder, converting it here (on the caller's thread; streams
    /// of many frames convert on their render threads and call `write(_: PlanarFrame)`).
    public func write(_ frame: FrameBuffer) throws(OratorError) {
        var planar = scratch ?? PlanarFrame(size: configuration.size)
        try PlanarConverter.convert(frame, into: &planar)
        try write(planar)
        scratch = planar
    }

    /// Sends one frame, already in the encoder's format, to the encoder.
    public func write(_ frame: PlanarFrame) throws(OratorError) {
        guard frame.size == configuration.size else {
            throw OratorError(.internalFailure, "frame size \(frame.size) does not match the encoder's \(configuration.size)")
        }
        if !frame.bytes.withUnsafeBytes({ child.write($0) }) {
            finished = true
            _ = child.exitStatus()
            throw OratorError(.encoderFailed, "ffmpeg stopped while encoding \(output.lastPathComponent)", cause: child.lastErrorLine)
        }
        frameCount += 1
    }

    /// Closes the input and waits for FFmpeg to finish the file.
    public func finish() throws(OratorError) {
        guard !finished else { return }
        finished = true
        do { try child.wait() } catch {
            throw OratorError(.encoderFailed, "ffmpeg could not encode \(output.lastPathComponent)", cause: error.cause)
        }
    }

    /// Stops FFmpeg without finishing the file.
    public func cancel() {
        finished = true
        child.terminate()
    }
}
