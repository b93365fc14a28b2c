import Foundation
import OratorCore
import OratorMotion
import OratorNeuralSpeech
import OratorSpeech
import OratorVideo

/// A voice, typed: what a voice name stands for.
public enum VoiceChoice: Sendable, Equatable, CustomStringConvertible {
    /// An espeak-ng voice or language (`en-us`, `de`, `en-us+f3`).
    case espeak(String)
    /// A neural voice from Orator's catalog (`joe`).
    case neural(String)
    /// A Piper voice file (`piper:PATH.onnx`, or a path ending in `.onnx`).
    case piper(String)

    public init(parsing name: String) {
        if name.hasPrefix("piper:") { self = .piper(String(name.dropFirst("piper:".count))) }
        else if name.hasSuffix(".onnx") { self = .piper(name) }
        else if NeuralVoiceCatalog.isNeural(name) { self = .neural(name) }
        else { self = .espeak(name) }
    }

    /// The name the speech engines take.
    public var name: String {
        switch self {
        case let .espeak(name), let .neural(name): name
        case let .piper(path): "piper:\(path)"
        }
    }

    public var description: String { name }
}

/// What every job kind shares once all layers are applied and checked: typed, complete and
/// valid. `orator config` prints it; `CreateRequest`, the stage commands and (later) the server
/// build their work from it.
public struct ResolvedSettings: Sendable, Equatable {
    public var voice: VoiceChoice
    public var rate: Int
    public var pitch: Int
    public var speechThreads: Int
    public var avatar: AvatarSource
    public var size: FrameSize
    /// The size as it was named (a preset name, `512`, `WxH`), for printing.
    public var sizeName: String
    public var motion: MotionConfiguration
    public var jobs: Int
    public var encoder: EncoderChoice
    /// The encoder's quality level.
    public var quality: VideoQuality
    /// The cache folder; nil when the cache is off.
    public var cache: URL?
    /// Per-speaker voices and avatars from the configuration file.
    public var speakers: [String: OratorConfiguration.Speaker]

    /// The voice settings the speech engines take.
    public var speech: EspeakConfiguration {
        EspeakConfiguration(voice: voice.name, wordsPerMinute: rate, pitch: pitch)
    }
}
