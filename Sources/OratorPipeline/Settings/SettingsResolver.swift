import Foundation
import OratorCore
import OratorFace
import OratorMotion
import OratorVideo

/// Turns what a user asked for into a valid job's settings: `JobDefaults`, then each layer in
/// the order given (lowest first: the configuration file, a manifest's defaults, a manifest
/// job, the flags or a request's JSON), a later value replacing an earlier one. A size that
/// names a preset brings the preset's fps, unless the same or a later layer names an fps.
/// Every range and path is checked here, with a message that proposes the fix.
public struct SettingsResolver: Sendable {
    /// Named sizes: the built-in ones and the configuration file's.
    public var presets: [String: OratorConfiguration.Preset]
    /// Per-speaker settings from the configuration file.
    public var speakers: [String: OratorConfiguration.Speaker]
    /// Whether a cache folder is used at all (`--no-cache` turns it off).
    public var cacheEnabled = true

    public init(presets: [String: OratorConfiguration.Preset] = OratorConfiguration.builtinPresets,
                speakers: [String: OratorConfiguration.Speaker] = [:]) {
        self.presets = presets
        self.speakers = speakers
    }

    /// A resolver for `configuration` (its presets and speakers); its settings are the first layer.
    public init(configuration: OratorConfiguration) {
        self.init(presets: OratorConfiguration.builtinPresets.merging(configuration.presets ?? [:]) { $1 },
                  speakers: configuration.speakers ?? [:])
    }

    /// `configuration`'s own settings, then `layers` (the flags or a request), checked.
    public static func resolve(configuration: OratorConfiguration, layers: [SettingsLayer],
                               cache: Bool = true) throws(OratorError) -> ResolvedSettings {
        var resolver = SettingsResolver(configuration: configuration)
        resolver.cacheEnabled = cache
        return try resolver.resolve([configuration.layer] + layers)
    }

    /// The layers applied over the defaults, checked.
    public func resolve(_ layers: [SettingsLayer]) throws(OratorError) -> ResolvedSettings {
        var merged = SettingsLayer()
        var presetFPS: Double?
        var avatarBase: SettingsLayer?
        var cacheBase: SettingsLayer?
        for layer in layers {
            if let size = layer.size {
                merged.size = size
                presetFPS = presets[size]?.fps
            }
            if let fps = layer.fps { merged.fps = fps; presetFPS = nil }
            if layer.avatar != nil { avatarBase = layer }
            if layer.cache != nil { cacheBase = layer }
            merged.voice = layer.voice ?? merged.voice
            merged.rate = layer.rate ?? merged.rate
            merged.pitch = layer.pitch ?? merged.pitch
            merged.speechThreads = layer.speechThreads ?? merged.speechThreads
            merged.avatar = layer.avatar ?? merged.avatar
            merged.preprocess = layer.preprocess ?? merged.preprocess
            merged.face = layer.face ?? merged.face
            merged.seed = layer.seed ?? merged.seed
            merged.still = layer.still ?? merged.still
            merged.expressionScale = layer.expressionScale ?? merged.expressionScale
            merged.headMotion = layer.headMotion ?? merged.headMotion
            merged.poseStyle = layer.poseStyle ?? merged.poseStyle
            merged.jobs = layer.jobs ?? merged.jobs
            merged.encoder = layer.encoder ?? merged.encoder
            merged.quality = layer.quality ?? merged.quality
            merged.cache = layer.cache ?? merged.cache
        }
        let sizeName = merged.size ?? JobDefaults.size
        let fps = try Self.check(presetFPS ?? merged.fps ?? JobDefaults.fps, in: JobDefaults.fpsRange) {
            "invalid fps \(Self.number($0)): use 1 to 120, for example 25 or 30"
        }
        let scale = try Self.check(merged.expressionScale ?? JobDefaults.expressionScale, in: JobDefaults.expressionScaleRange) {
            "invalid expression scale \(Self.number(Double($0))): use 0 to 3 (1 is natural)"
        }
        let headMotion = try Self.check(merged.headMotion ?? JobDefaults.headMotion, in: JobDefaults.headMotionRange) {
            "invalid head motion \(Self.number(Double($0))): use 0 (still) to 2 (1 is natural)"
        }
        let poseName = merged.poseStyle ?? JobDefaults.poseStyle.rawValue
        guard let poseStyle = PoseStyle(rawValue: poseName.lowercased()) else {
            throw OratorError(.invalidInput, "invalid pose style '\(poseName)': use \(PoseStyle.names)")
        }
        let rate = try Self.check(merged.rate ?? JobDefaults.rate, in: JobDefaults.rateRange) {
            "invalid rate \($0): espeak-ng speaks 80 to 450 words per minute"
        }
        let pitch = try Self.check(merged.pitch ?? JobDefaults.pitch, in: JobDefaults.pitchRange) {
            "invalid pitch \($0): use 0 to 100 (50 is the voice's own)"
        }
        let jobs = try Self.check(merged.jobs ?? JobDefaults.jobs, in: JobDefaults.jobsRange) {
            "invalid --jobs \($0): use 1 to 256 frames in parallel"
        }
        let threads = try Self.check(merged.speechThreads ?? JobDefaults.speechThreads, in: JobDefaults.speechThreadsRange) {
            "invalid --speech-threads \($0): use 1 to 16"
        }
        if let face = merged.face, face < 0 {
            throw OratorError(.invalidInput, "invalid --face \(face): faces are numbered from 0, left to right")
        }
        let photo = AvatarSource.PhotoOptions(preprocess: merged.preprocess ?? JobDefaults.preprocess, faceIndex: merged.face)
        let avatarName = merged.avatar ?? JobDefaults.avatar
        let avatarPath = avatarName == JobDefaults.avatar ? avatarName : (avatarBase ?? SettingsLayer()).resolve(avatarName).path
        return ResolvedSettings(
            voice: VoiceChoice(parsing: merged.voice ?? JobDefaults.voice), rate: rate, pitch: pitch, speechThreads: threads,
            avatar: try AvatarSource(argument: avatarPath, photo: photo), size: try frameSize(sizeName), sizeName: sizeName,
            motion: MotionConfiguration(fps: fps, seed: merged.seed ?? JobDefaults.seed,
                                        still: (merged.still ?? JobDefaults.still) || headMotion == 0,
                                        expressionScale: scale, headMotionScale: headMotion, poseStyle: poseStyle),
            jobs: jobs, encoder: try EncoderChoice(parsing: merged.encoder ?? JobDefaults.encoder.rawValue),
            quality: try VideoQuality(parsing: merged.quality ?? JobDefaults.quality.rawValue),
            cache: cacheEnabled ? merged.cache.map { (cacheBase ?? SettingsLayer()).resolve($0) } ?? ContentCache.defaultRoot : nil,
            speakers: speakers)
    }

    /// A size or a preset name as pixels.
    public func frameSize(_ text: String) throws(OratorError) -> FrameSize {
        if let preset = presets[text] { return try FrameSize(parsing: preset.size) }
        return try FrameSize(parsing: text)
    }

    /// `value` if it lies in `range`, else an error with `message`.
    static func check<Value: Comparable>(_ value: Value, in range: ClosedRange<Value>,
                                         _ message: (Value) -> String) throws(OratorError) -> Value {
        guard range.contains(value) else { throw OratorError(.invalidInput, message(value)) }
        return value
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
