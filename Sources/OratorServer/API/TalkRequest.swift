import Foundation

/// The body of `POST /talks`, in D-ID's field names.
struct TalkRequest: Decodable, Sendable {
    var sourceURL: String?
    var script: TalkScript?
    var config: TalkConfig?
    var webhook: String?
    var userData: String?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case sourceURL = "source_url", script, config, webhook, userData = "user_data", name
    }
}

/// `script`: text spoken by a provider's voice, or a recording.
struct TalkScript: Decodable, Sendable {
    var type: String
    var input: String?
    var provider: TalkProvider?
    var audioURL: String?
    /// Orator's own: the recording's words, for lip sync by alignment.
    var transcript: String?

    enum CodingKeys: String, CodingKey {
        case type, input, provider, audioURL = "audio_url", transcript
    }
}

/// `script.provider`.
struct TalkProvider: Decodable, Sendable {
    var type: String
    var voiceID: String?

    enum CodingKeys: String, CodingKey { case type, voiceID = "voice_id" }
}

/// `config`: D-ID's `result_format` and `stitch`, and Orator's own options.
struct TalkConfig: Codable, Sendable, Equatable {
    var resultFormat: String?
    var stitch: Bool?
    var size: String?
    var fps: Double?
    var still: Bool?
    var expressionScale: Float?
    var preprocess: String?
    var face: Int?
    var seed: UInt64?
    var rate: Int?
    var pitch: Int?
    var avatar: String?
    var captions: [String]?
    var quality: String?
    /// Orator's `--head-motion` (0-2) and `--pose-style`.
    var headMotion: Float?
    var poseStyle: String?
    /// D-ID's expressions over time: `{"expressions": [{"start_frame", "expression", "intensity"}], "transition_frames"}`.
    var driverExpressions: DriverExpressions?

    enum CodingKeys: String, CodingKey {
        case resultFormat = "result_format", stitch, size, fps, still, expressionScale = "expression_scale", preprocess, face, seed
        case rate, pitch, avatar, captions, quality, driverExpressions = "driver_expressions"
        case headMotion = "head_motion", poseStyle = "pose_style"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        resultFormat = try c.decodeIfPresent(String.self, forKey: .resultFormat)
        stitch = try c.decodeIfPresent(Bool.self, forKey: .stitch)
        // `size` as `"512"`, `"1280x720"`, `"landscape"`, or a bare number (square).
        if let number = try? c.decodeIfPresent(Int.self, forKey: .size) { size = String(number) } else {
            size = try c.decodeIfPresent(String.self, forKey: .size)
        }
        fps = try c.decodeIfPresent(Double.self, forKey: .fps)
        still = try c.decodeIfPresent(Bool.self, forKey: .still)
        expressionScale = try c.decodeIfPresent(Float.self, forKey: .expressionScale)
        preprocess = try c.decodeIfPresent(String.self, forKey: .preprocess)
        face = try c.decodeIfPresent(Int.self, forKey: .face)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        rate = try c.decodeIfPresent(Int.self, forKey: .rate)
        pitch = try c.decodeIfPresent(Int.self, forKey: .pitch)
        avatar = try c.decodeIfPresent(String.self, forKey: .avatar)
        captions = try c.decodeIfPresent([String].self, forKey: .captions)
        quality = try c.decodeIfPresent(String.self, forKey: .quality)
        driverExpressions = try c.decodeIfPresent(DriverExpressions.self, forKey: .driverExpressions)
        headMotion = try c.decodeIfPresent(Float.self, forKey: .headMotion)
        poseStyle = try c.decodeIfPresent(String.self, forKey: .poseStyle)
    }

    /// The keys this server reads; others (D-ID's `fluent`, `pad_audio`, ...) are reported as ignored.
    static let knownKeys: Set<String> = [
        "result_format", "stitch", "size", "fps", "still", "expression_scale", "preprocess", "face", "seed", "rate", "pitch",
        "avatar", "captions", "quality", "driver_expressions", "head_motion", "pose_style",
    ]
}

/// `config.driver_expressions`, in D-ID's field names; `ExpressionFile` checks the values.
struct DriverExpressions: Codable, Sendable, Equatable {
    struct Entry: Codable, Sendable, Equatable {
        var startFrame: Int
        var expression: String
        var intensity: Double?

        enum CodingKeys: String, CodingKey { case startFrame = "start_frame", expression, intensity }
    }

    var expressions: [Entry]
    var transitionFrames: Int?

    enum CodingKeys: String, CodingKey { case expressions, transitionFrames = "transition_frames" }
}

/// The body of `POST /episodes`: an Orator script and the uploads its file names stand for.
struct EpisodeRequest: Decodable, Sendable {
    var script: String
    var assets: [String: String]?
    var config: TalkConfig?
    var webhook: String?
    var userData: String?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case script, assets, config, webhook, userData = "user_data", name
    }
}

/// Keys of a JSON object that a decoder ignores: `config`'s unknown options.
enum IgnoredKeys {
    static func inConfig(of body: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let config = object["config"] as? [String: Any] else { return [] }
        return config.keys.filter { !TalkConfig.knownKeys.contains($0) }.sorted().map { "config.\($0)" }
    }
}
