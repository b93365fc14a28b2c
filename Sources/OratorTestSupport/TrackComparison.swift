import Foundation
import OratorCore
import OratorMotion

/// Measures how closely one lip-sync track follows another (or follows voice activity).
public enum TrackComparison {
    /// Frames per second at which tracks are compared.
    public static let frameRate = 100.0

    /// The shape shown at each comparison frame (sampled at frame centres).
    public static func shapes(_ cues: [MouthCue], duration: Double) -> [MouthShape] {
        let count = Int((duration * frameRate).rounded(.down))
        var result: [MouthShape] = []
        result.reserveCapacity(count)
        var index = 0
        let sorted = cues.sorted { $0.start < $1.start }
        for frame in 0..<count {
            let time = (Double(frame) + 0.5) / frameRate
            while index < sorted.count - 1, sorted[index].end <= time { index += 1 }
            let cue = sorted.isEmpty ? nil : sorted[index]
            result.append(cue.map { $0.start <= time && time < $0.end ? $0.shape : .x } ?? .x)
        }
        return result
    }

    /// Share of frames where both tracks show the same shape.
    public static func shapeAgreement(_ a: [MouthShape], _ b: [MouthShape]) -> Double {
        agreement(a, b) { $0 == $1 }
    }

    /// Share of frames where both tracks agree on whether the jaw is open (C, D, E, H).
    public static func jawAgreement(_ a: [MouthShape], _ b: [MouthShape]) -> Double {
        agreement(a, b) { PhoneShapeTable.isOpen($0) == PhoneShapeTable.isOpen($1) }
    }

    /// Share of frames where both tracks agree on whether the lips are apart (not A or X).
    public static func lipsAgreement(_ a: [MouthShape], _ b: [MouthShape]) -> Double {
        agreement(a, b) { lipsApart($0) == lipsApart($1) }
    }

    /// Share of frames where the lips are apart exactly when there is speech.
    public static func voiceAgreement(_ shapes: [MouthShape], speech: [Bool]) -> Double {
        let count = min(shapes.count, speech.count)
        guard count > 0 else { return 1 }
        return Double((0..<count).filter { lipsApart(shapes[$0]) == speech[$0] }.count) / Double(count)
    }

    /// True for shapes with the lips apart (everything but A and X).
    public static func lipsApart(_ shape: MouthShape) -> Bool { shape != .a && shape != .x }

    private static func agreement(_ a: [MouthShape], _ b: [MouthShape], _ same: (MouthShape, MouthShape) -> Bool) -> Double {
        let count = min(a.count, b.count)
        guard count > 0 else { return 1 }
        return Double((0..<count).filter { same(a[$0], b[$0]) }.count) / Double(count)
    }

    /// Start-time errors (seconds) of the spoken phones of `found` against `truth`, pairing
    /// phones by a longest common subsequence of their names so insertions do not shift pairs.
    public static func boundaryErrors(found: [TimedPhone], truth: [TimedPhone]) -> [Double] {
        let a = found.filter { $0.phone != .silence }, b = truth.filter { $0.phone != .silence }
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i].phone == b[j].phone ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var errors: [Double] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i].phone == b[j].phone {
                errors.append(abs(a[i].start - b[j].start))
                i += 1; j += 1
            } else if table[i + 1][j] >= table[i][j + 1] { i += 1 } else { j += 1 }
        }
        return errors
    }

    /// The median of `values` (0 when empty).
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
