import Foundation
import OratorCore
import OratorMotion

/// Stage `scene`: speech timeline + speaker turns -> `scene.json`: one motion track per
/// speaker (each speaker's mouth moves only in their own turns; the others listen, with blinks
/// and small head motion) and who is talking in each frame.
public struct SceneStage: Sendable {
    public static let name = "scene"
    public static let version = 3
    public static let file = "scene.json"

    /// The scene file.
    public struct Output: Codable, Sendable {
        public var speakers: [String]
        public var tracks: [MotionTrack]
        /// Index into `speakers` of who talks in each frame (-1: nobody).
        public var active: [Int]
        public var fps: Double { tracks.first?.fps ?? 25 }
        public var frameCount: Int { active.count }
    }

    public var speakers: [String?]
    public var motion: MotionConfiguration
    /// Where the speech starts in the mix (the intro's length).
    public var offset: Double
    /// Length of the whole mix, seconds.
    public var duration: Double

    public init(speakers: [String?], motion: MotionConfiguration, offset: Double, duration: Double) {
        self.speakers = speakers
        self.motion = motion
        self.offset = offset
        self.duration = duration
    }

    public func key(narration: URL) throws(OratorError) -> CacheKey {
        CacheKey(stage: Self.name, version: Self.version, parts: [
            try .file("narration", narration), try .value("speakers", speakers.map { $0 ?? "" }),
            try .value("motion", motion), try .value("span", [offset, duration]),
        ])
    }

    public func run(narration url: URL, into folder: URL) throws(OratorError) {
        let narration = try StageFiles.readJSON(Narration.self, from: url)
        var tracks: [MotionTrack] = []
        for (index, speaker) in speakers.enumerated() {
            let turns = narration.turns.filter { $0.speaker == speaker || speakers.count == 1 }
            var own = SpeechTimeline(duration: duration)
            own.phones = narration.timeline.phones.filter { phone in
                turns.contains { phone.start >= $0.start - 1e-6 && phone.start < $0.end }
            }.map { TimedPhone(phone: $0.phone, start: $0.start + offset, end: $0.end + offset, symbol: $0.symbol) }
            own.words = turns.flatMap(\.words).map { TimedWord(text: $0.text, start: $0.start + offset, end: $0.end + offset) }
            own.expressions = turns.flatMap(\.expressions).map { $0.shifted(by: offset) }
            var configuration = motion
            configuration.seed = motion.seed &+ UInt64(index) &* 7919
            let cues = VisemeTrackBuilder().cues(for: own)
            tracks.append(MotionSynthesizer(configuration: configuration).track(cues: cues, timeline: own, duration: duration))
        }
        let frames = tracks.first?.frames.count ?? 0
        let active = (0..<frames).map { frame -> Int in
            let time = Double(frame) / motion.fps - offset
            guard let turn = narration.turns.first(where: { time >= $0.start && time < $0.end }) else { return -1 }
            return speakers.firstIndex(of: turn.speaker) ?? -1
        }
        try StageFiles.writeJSON(Output(speakers: speakers.map { $0 ?? "" }, tracks: tracks, active: active),
                                 to: folder.appendingPathComponent(Self.file))
    }
}
