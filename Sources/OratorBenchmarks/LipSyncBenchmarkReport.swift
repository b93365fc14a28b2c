import Foundation
import OratorCore
import OratorLipSync
import OratorTestSupport

/// One synthesized recording analysed by one method.
public struct SpokenResult: Sendable, Codable {
    public var spoken: LipSyncBenchmark.SpokenCase
    public var method: LipSyncMethod
    public var duration: Double
    /// Wall-clock seconds of the analysis.
    public var seconds: Double
    /// CPU seconds of the analysis (FFmpeg included).
    public var cpuSeconds: Double
    public var shapeAgreement: Double
    public var jawAgreement: Double
    public var lipsAgreement: Double
    public var boundaryErrors: [Double]
    public var alignmentCost: Double?
    /// Word recognition: errors against the sentence, and its word count.
    public var wordErrors: Int?
    public var referenceWords: Int?

    var summary: String {
        String(format: "%@ %@ %3d wpm %-18@ shape %5.1f%% jaw %5.1f%% lips %5.1f%% boundary %5.1f ms  %5.1fx",
               spoken.voice.padding(toLength: 9, withPad: " ", startingAt: 0), String(spoken.text.prefix(24)),
               spoken.wordsPerMinute, method.rawValue, shapeAgreement * 100, jawAgreement * 100, lipsAgreement * 100,
               TrackComparison.median(boundaryErrors) * 1000, duration / seconds)
    }
}

/// One librivox clip analysed with or without its transcript.
public struct RecordedResult: Sendable, Codable {
    public var clip: String
    public var method: LipSyncMethod
    public var duration: Double
    /// Wall-clock seconds of the analysis.
    public var seconds: Double
    /// CPU seconds of the analysis (FFmpeg included).
    public var cpuSeconds: Double
    public var voiceAgreement: Double
    public var wordEdgesInsideSpeech: Double?
    public var durationError: Double?
    public var alignmentCost: Double?
    public var mismatchWarned: Bool
    /// Without a transcript: jaw open/closed agreement with the track made with it.
    public var jawAgreementWithAligned: Double?
    /// Without a transcript: lips apart/closed agreement with the track made with it.
    public var lipsAgreementWithAligned: Double?
    /// Without a transcript: start differences of phones also found by alignment.
    public var boundaryErrorsAgainstAligned: [Double] = []
    /// Word recognition: substitutions, insertions and deletions against the transcript, and its word count.
    public var wordErrors: Int?
    public var referenceWords: Int?

    var summary: String {
        let clipName = String(clip.suffix(4))
        if method == .forcedAlignment {
            return String(format: "%@ %-18@ voice %5.1f%% words-in-speech %5.1f%% span error %4.0f ms cost %4.2f %5.1fx",
                          clipName, method.rawValue, voiceAgreement * 100, (wordEdgesInsideSpeech ?? 0) * 100,
                          (durationError ?? 0) * 1000, alignmentCost ?? 0, duration / seconds)
        }
        return String(format: "%@ %-18@ voice %5.1f%% vs aligned: jaw %5.1f%% lips %5.1f%% boundary %5.1f ms %5.1fx",
                      clipName, method.rawValue, voiceAgreement * 100, (jawAgreementWithAligned ?? 0) * 100,
                      (lipsAgreementWithAligned ?? 0) * 100, TrackComparison.median(boundaryErrorsAgainstAligned) * 1000,
                      duration / seconds)
    }
}

/// Everything the benchmark measured, with the figures the issue sets targets for.
public struct LipSyncBenchmarkReport: Sendable, Codable {
    public var spoken: [SpokenResult] = []
    public var recorded: [RecordedResult] = []

    /// A Markdown table of the headline figures against their targets.
    public func markdown() -> String {
        var lines = ["| measure | with transcript | without: words (PocketSphinx) | without: phones (PocketSphinx) | without: acoustic | target |",
                     "| --- | --- | --- | --- | --- | --- |"]
        func spokenMean(_ method: LipSyncMethod, _ value: (SpokenResult) -> Double) -> String {
            let rows = spoken.filter { $0.method == method }
            guard !rows.isEmpty else { return "-" }
            return String(format: "%.1f%%", rows.map(value).reduce(0, +) / Double(rows.count) * 100)
        }
        func speed(_ rows: [(duration: Double, seconds: Double, cpu: Double)]) -> String {
            let audio = rows.map(\.duration).reduce(0, +)
            let wall = rows.map(\.seconds).reduce(0, +), cpu = rows.map(\.cpu).reduce(0, +)
            return wall > 0 && cpu > 0 ? String(format: "%.1fx (CPU time: %.1fx)", audio / wall, audio / cpu) : "-"
        }
        let methods: [LipSyncMethod] = [.forcedAlignment, .wordRecognition, .phoneRecognition, .acousticEstimate]
        lines.append("| (a) open/closed agreement (closed = A or X, lips together; open = any other shape) | " + methods.map { spokenMean($0, \.lipsAgreement) }.joined(separator: " | ") + " | >= 90% / >= 90% |")
        lines.append("| (a) jaw agreement, stricter (jaw open = C D E H; A B F G X count as closed) | " + methods.map { spokenMean($0, \.jawAgreement) }.joined(separator: " | ") + " | - / >= 80% |")
        lines.append("| (a) mouth shape agreement | " + methods.map { spokenMean($0, \.shapeAgreement) }.joined(separator: " | ") + " | |")
        let spokenWords = spoken.filter { $0.method == .wordRecognition }
        let spokenErrors = spokenWords.compactMap(\.wordErrors).reduce(0, +), spokenTotal = spokenWords.compactMap(\.referenceWords).reduce(0, +)
        if spokenTotal > 0 {
            lines.append(String(format: "| (a) word error rate | - | %.1f%% (%d of %d words) | - | - | |", Double(spokenErrors) / Double(spokenTotal) * 100, spokenErrors, spokenTotal))
        }
        let errors = spoken.filter { $0.method == .forcedAlignment }.flatMap(\.boundaryErrors)
        lines.append(String(format: "| (a) median phone boundary error | %.1f ms (90th pct %.1f ms, %d phones) | - | - | - | <= 40 ms |",
                            TrackComparison.median(errors) * 1000, percentile(errors, 0.9) * 1000, errors.count))
        func recordedMean(_ method: LipSyncMethod, _ value: (RecordedResult) -> Double?) -> String {
            let values = recorded.filter { $0.method == method }.compactMap(value)
            guard !values.isEmpty else { return "-" }
            return String(format: "%.1f", values.reduce(0, +) / Double(values.count))
        }
        lines.append("| (b) lips apart vs voice activity, % | " + methods.map { recordedMean($0) { $0.voiceAgreement * 100 } }.joined(separator: " | ") + " | |")
        let unaligned: [LipSyncMethod] = [.wordRecognition, .phoneRecognition, .acousticEstimate]
        lines.append("| (b) jaw agreement with the aligned track, % | - | " + unaligned.map { recordedMean($0) { $0.jawAgreementWithAligned.map { $0 * 100 } } }.joined(separator: " | ") + " | |")
        lines.append("| (b) lips agreement with the aligned track, % | - | " + unaligned.map { recordedMean($0) { $0.lipsAgreementWithAligned.map { $0 * 100 } } }.joined(separator: " | ") + " | |")
        let crossErrors = [LipSyncMethod.wordRecognition, .phoneRecognition].map { method in
            let errors = recorded.filter { $0.method == method }.flatMap(\.boundaryErrorsAgainstAligned)
            return String(format: "%.1f ms (%d phones)", TrackComparison.median(errors) * 1000, errors.count)
        }
        lines.append("| (b) median start difference, recognized vs aligned phones | - | " + crossErrors.joined(separator: " | ") + " | - | |")
        let words = recorded.filter { $0.method == .wordRecognition }
        let wordErrors = words.compactMap(\.wordErrors).reduce(0, +), referenceWords = words.compactMap(\.referenceWords).reduce(0, +)
        lines.append(referenceWords > 0
            ? String(format: "| (b) word error rate | - | %.1f%% (%d of %d words) | - | - | <= 25%% for captions |", Double(wordErrors) / Double(referenceWords) * 100, wordErrors, referenceWords)
            : "| (b) word error rate | - | - | - | - | <= 25% for captions |")
        lines.append("| (b) word edges within 50 ms of speech, % | " + [LipSyncMethod.forcedAlignment, .wordRecognition].map { method in recordedMean(method) { $0.wordEdgesInsideSpeech.map { $0 * 100 } } }.joined(separator: " | ") + " | - | - | |")
        lines.append("| (b) speech span error, ms | " + [LipSyncMethod.forcedAlignment, .wordRecognition].map { method in recordedMean(method) { $0.durationError.map { $0 * 1000 } } }.joined(separator: " | ") + " | - | - | |")
        lines.append("| (b) alignment cost | " + recordedMean(.forcedAlignment) { $0.alignmentCost } + " | - | - | - | < mismatch threshold |")
        let speeds = methods.map { method in
            speed(spoken.filter { $0.method == method }.map { ($0.duration, $0.seconds, $0.cpuSeconds) }
                  + recorded.filter { $0.method == method }.map { ($0.duration, $0.seconds, $0.cpuSeconds) })
        }
        lines.append("| speed, x real time (wall clock; every case loads its models) | " + speeds.joined(separator: " | ") + " | >= 20x / >= 5x |")
        return lines.joined(separator: "\n") + "\n"
    }

    private func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[Int(Double(sorted.count - 1) * fraction)]
    }
}
