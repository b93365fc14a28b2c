import Foundation
import OratorCore
import OratorMix

/// Stage `mix`: speech + music bed(s) + intro/outro -> `mix.wav` (48 kHz stereo, at the
/// loudness target, true peak <= -1 dBTP) and `mix.json` (measurements, speech offset).
public struct MixStage: Sendable {
    public static let name = "mix"
    public static let version = 1
    public static let file = "mix.wav"
    public static let report = "mix.json"

    public var beds: [MusicBed]
    public var intro: URL?
    public var outro: URL?
    public var loudness: Double

    public init(beds: [MusicBed], intro: URL?, outro: URL?, loudness: Double) {
        self.beds = beds
        self.intro = intro
        self.outro = outro
        self.loudness = loudness
    }

    public func key(speech: URL, timeline: URL) throws(OratorError) -> CacheKey {
        var parts: [CacheKeyPart] = [try .file("speech", speech), try .file("timeline", timeline), try .value("loudness", loudness)]
        for (index, bed) in beds.enumerated() {
            parts.append(try .file("bed\(index)", bed.file))
            parts.append(try .value("bed\(index)-span", [bed.start, bed.end ?? -1]))
        }
        if let intro { parts.append(try .file("intro", intro)) }
        if let outro { parts.append(try .file("outro", outro)) }
        return CacheKey(stage: Self.name, version: Self.version, parts: parts)
    }

    /// Mixes into `folder`.
    public func run(speech: URL, timeline url: URL, into folder: URL, progress: any StageProgressReporting) throws(OratorError) {
        let timeline = try StageFiles.readJSON(SpeechTimeline.self, from: url)
        let mixer = PodcastMixer(configuration: PodcastMixConfiguration(targetLoudness: loudness))
        let result = try mixer.mix(speech: speech, activity: SpeechActivity.intervals(from: timeline), beds: beds,
                                   intro: intro, outro: outro, output: folder.appendingPathComponent(Self.file), progress: progress)
        try StageFiles.writeJSON(result, to: folder.appendingPathComponent(Self.report))
    }
}
