import Foundation
import OratorCore
import OratorMusic

/// Stage `compose`: a music request and a length -> `bed.wav` (48 kHz stereo, composed and
/// rendered by OratorMusic) and `bed.mid`. An episode's generated bed is one of these, mixed
/// like a bed the user brings.
public struct ComposeStage: Sendable {
    public static let name = "compose"
    public static let version = 1
    public static let file = "bed.wav"
    public static let midi = "bed.mid"

    public var request: MusicRequest
    /// Seconds of music (rounded to the millisecond, so a key does not depend on float noise;
    /// at most `MusicComposer.lengthRange`'s end: the mixer loops a bed shorter than its stretch).
    public var length: Double
    public var rendering: MusicRenderConfiguration

    public init(request: MusicRequest, length: Double, rendering: MusicRenderConfiguration = MusicRenderConfiguration()) {
        self.request = request
        let range = MusicComposer.lengthRange
        self.length = (min(range.upperBound, max(range.lowerBound, length)) * 1000).rounded() / 1000
        self.rendering = rendering
    }

    /// The request, the length, the render settings and the SoundFont (by path, size and date:
    /// hashing its 148 MB on every run would cost more than composing).
    public func key() throws(OratorError) -> CacheKey {
        let font = rendering.soundFont
        let attributes = try? FileManager.default.attributesOfItem(atPath: font.path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return CacheKey(stage: Self.name, version: Self.version, parts: [
            try .value("request", request), try .value("length", length), try .value("rendering", rendering),
            try .value("soundfont", "\(font.path) \(size) \(date)"), try .value("synth", MusicRenderer.engine),
        ])
    }

    /// Composes and renders into `folder`.
    public func run(into folder: URL) throws(OratorError) {
        let composition = try MusicComposer().compose(request, length: length)
        try MusicRenderer(configuration: rendering).render(composition, to: folder.appendingPathComponent(Self.file))
        try MIDIFileWriter.write(composition, to: folder.appendingPathComponent(Self.midi))
    }
}
