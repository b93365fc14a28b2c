import Foundation
import OratorCore

/// Everything the mix needs to know before it runs: each input's length and loudness, and the
/// gains that put the music and stingers at their level relative to the speech.
struct MixPlan {
    /// A stinger (intro or outro) played as is, at a gain.
    struct Stinger {
        var clip: DecodedClip
        var gain: Float
        var frames: Int { clip.frames }
    }

    /// A music bed placed on the speech timeline, at a gain.
    struct PlacedBed {
        var clip: DecodedClip
        var startFrame: Int
        var endFrame: Int
        var gain: Float
    }

    let sampleRate: Int
    let channels: Int
    let speech: DecodedClip
    let intro: Stinger?
    let outro: Stinger?
    let beds: [PlacedBed]
    let envelope: DuckingEnvelope
    let fadeIn: Double
    let fadeOut: Double
    let loopCrossfade: Double

    /// Frames of the speech track.
    var speechFrames: Int { speech.frames }
    /// Integrated loudness of the speech track in LUFS.
    var speechLoudness: Double { speech.loudness }

    /// Music and stingers up to this long (seconds) are kept decoded in memory (at most about
    /// 23 MB each) so that short loops are not decoded again for every repeat.
    static let keptSeconds = 60

    /// Frames of the whole episode.
    var totalFrames: Int { (intro?.frames ?? 0) + speechFrames + (outro?.frames ?? 0) }

    /// Decodes every input once to measure its length and loudness, and places the beds.
    init(speech: URL, activity: [ClosedRange<Double>], beds: [MusicBed], intro: URL?, outro: URL?,
         configuration: PodcastMixConfiguration, channels: Int) throws(OratorError) {
        let rate = configuration.sampleRate
        self.sampleRate = rate
        self.channels = channels
        self.fadeIn = configuration.bedFadeIn
        self.fadeOut = configuration.bedFadeOut
        self.loopCrossfade = configuration.loopCrossfade
        self.envelope = DuckingEnvelope(activity: activity, configuration: configuration.ducking)

        let speechScan = try DecodedClip.scan(speech, role: "speech track", sampleRate: rate, channels: channels, keepUpTo: 0)
        guard speechScan.loudness.isFinite else {
            throw OratorError(.invalidInput, "speech track \(speech.path) is silent: nothing to mix music or loudness against")
        }
        self.speech = speechScan

        var scanned: [URL: DecodedClip] = [:]
        func level(of file: URL, role: String, relative: Double) throws(OratorError) -> (clip: DecodedClip, gain: Float) {
            let clip: DecodedClip
            if let known = scanned[file] { clip = known } else {
                clip = try DecodedClip.scan(file, role: role, sampleRate: rate, channels: channels,
                                            keepUpTo: Self.keptSeconds * rate)
                scanned[file] = clip
            }
            guard clip.loudness.isFinite else { throw OratorError(.invalidInput, "\(role) \(file.path) is silent") }
            return (clip, Float(Decibels.toAmplitude(speechScan.loudness + relative - clip.loudness)))
        }

        self.intro = try intro.map { url throws(OratorError) in
            let level = try level(of: url, role: "intro file", relative: configuration.stingerLevel)
            return Stinger(clip: level.clip, gain: level.gain)
        }
        self.outro = try outro.map { url throws(OratorError) in
            let level = try level(of: url, role: "outro file", relative: configuration.stingerLevel)
            return Stinger(clip: level.clip, gain: level.gain)
        }
        var placed: [PlacedBed] = []
        for bed in beds {
            let startFrame = Int((bed.start * Double(rate)).rounded())
            let endFrame = min(speechScan.frames, bed.end.map { Int(($0 * Double(rate)).rounded()) } ?? speechScan.frames)
            let level = try level(of: bed.file, role: "music file", relative: configuration.bedLevel)
            if startFrame < endFrame {
                placed.append(PlacedBed(clip: level.clip, startFrame: startFrame, endFrame: endFrame, gain: level.gain))
            }
        }
        self.beds = placed.sorted { $0.startFrame < $1.startFrame }
    }
}
