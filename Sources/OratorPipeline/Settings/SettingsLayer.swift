import Foundation
import OratorCore
import OratorFace

/// One layer of what a user asked for, every field optional: the configuration file, a batch
/// manifest's defaults and job, the command-line flags, a request's JSON. `SettingsResolver`
/// applies layers in a fixed order over `JobDefaults` and validates the result.
public struct SettingsLayer: Sendable, Codable, Equatable {
    /// A voice: an espeak-ng voice or language (`en-us`), a neural voice (`joe`), or `piper:PATH.onnx`.
    public var voice: String?
    /// Speaking rate, words per minute.
    public var rate: Int?
    /// Voice pitch, 0-100.
    public var pitch: Int?
    /// Threads for a neural voice.
    public var speechThreads: Int?
    /// `builtin`, an avatar pack folder or a photo (relative to `base`).
    public var avatar: String?
    /// How a photo is framed.
    public var preprocess: PreprocessMode?
    /// Which face of a photo speaks, 0-based.
    public var face: Int?
    /// Frame size: `512`, `WxH` or a preset name (a preset may bring its fps).
    public var size: String?
    /// Frames per second.
    public var fps: Double?
    /// Seed for blinks and head motion.
    public var seed: UInt64?
    /// Keep the head still.
    public var still: Bool?
    /// Mouth and brow movement scale.
    public var expressionScale: Float?
    /// How much the head moves, 0 (still) to 2 (1 is natural).
    public var headMotion: Float?
    /// `natural`, `calm`, `lively` or `nodding`.
    public var poseStyle: String?
    /// Frames rendered in parallel.
    public var jobs: Int?
    /// `auto`, `libx264` or `nvenc`.
    public var encoder: String?
    /// `fast`, `balanced` or `best`: the encoder's preset and CRF.
    public var quality: String?
    /// Cache folder (relative to `base`).
    public var cache: String?
    /// Where this layer's relative paths resolve: its file's folder, or the working folder.
    /// Not read from files: the reader sets it.
    public var base: URL?

    /// The keys in `orator.yaml`, manifest jobs and request JSON.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case voice, rate, pitch, avatar, preprocess, face, size, fps, seed, still, jobs, encoder, quality, cache
        case speechThreads = "speech-threads"
        case expressionScale = "expression-scale"
        case headMotion = "head-motion"
        case poseStyle = "pose-style"
    }

    public init(voice: String? = nil, rate: Int? = nil, pitch: Int? = nil, speechThreads: Int? = nil, avatar: String? = nil,
                preprocess: PreprocessMode? = nil, face: Int? = nil, size: String? = nil, fps: Double? = nil, seed: UInt64? = nil,
                still: Bool? = nil, expressionScale: Float? = nil, headMotion: Float? = nil, poseStyle: String? = nil, jobs: Int? = nil, encoder: String? = nil, quality: String? = nil, cache: String? = nil,
                base: URL? = nil) {
        self.voice = voice
        self.rate = rate
        self.pitch = pitch
        self.speechThreads = speechThreads
        self.avatar = avatar
        self.preprocess = preprocess
        self.face = face
        self.size = size
        self.fps = fps
        self.seed = seed
        self.still = still
        self.expressionScale = expressionScale
        self.headMotion = headMotion
        self.poseStyle = poseStyle
        self.jobs = jobs
        self.encoder = encoder
        self.quality = quality
        self.cache = cache
        self.base = base
    }

    /// `path` against this layer's base (absolute paths and `builtin` stay as they are).
    func resolve(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        let folder = base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return folder.appendingPathComponent(path).standardizedFileURL
    }
}
