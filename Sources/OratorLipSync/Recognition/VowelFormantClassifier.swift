import Foundation
import OratorCore

/// Re-decides which vowel each recognized vowel segment is from its formants, because phone
/// recognition often confuses open and close vowels (which matter most for the jaw) while the
/// first formant measures jaw opening directly.
///
/// Each segment is measured at its start (first 40%) and end (last 40%): the median log F1 and
/// log F2 of its voiced frames. The speaker's vocal tract is normalized by one shift per formant
/// in log frequency (log-mean normalization, Nearey 1978) for the whole recording, estimated as
/// the median difference between the segments' formants and the reference values of the vowels
/// they were recognized as, which stays right when the recognizer confuses some of them.
/// Every vowel and diphthong is then scored by how close its reference start and end lie
/// (Gaussian, `spread` wide), plus a prior that favours the recognized vowel (`labelConfidence`);
/// the best scoring one replaces the label. The speaker shift is estimated again from the new
/// labels and the segments scored once more.
struct VowelFormantClassifier: Sendable {
    /// Probability that the recognizer named the vowel right; the rest is shared by the others.
    var labelConfidence = 0.5
    /// Standard deviation of a vowel's formants around its reference, in natural log units
    /// (0.12 is about 12% of the frequency).
    var spread = 0.12
    /// Frames this far below the loudest speech carry no reliable formants.
    var quietDB: Float = 25

    /// The segment measurements: median log F1 and log F2 at the start and at the end.
    struct Measurement: Sendable {
        var start: (first: Double, second: Double)
        var end: (first: Double, second: Double)
    }

    /// `phones` with vowel labels replaced where the formants speak for another vowel.
    func relabel(_ phones: [TimedPhone], features: AcousticFeatures) -> [TimedPhone] {
        let measured = phones.map { $0.phone.isVowel ? measure($0, in: features) : nil }
        var labels = phones.map(\.phone)
        var shift = speakerShift(measured, labels: labels)
        for round in 0..<2 {
            for index in phones.indices {
                guard let measurement = measured[index] else { continue }
                labels[index] = classify(measurement, recognized: phones[index].phone, shift: shift)
            }
            if round == 0 { shift = speakerShift(measured, labels: labels) }
        }
        return phones.indices.map { index in
            var phone = phones[index]
            if labels[index] != phone.phone {
                phone.symbol = (phone.symbol.isEmpty ? phone.phone.rawValue : phone.symbol) + ">" + labels[index].rawValue
                phone.phone = labels[index]
            }
            return phone
        }
    }

    /// The vowel whose reference best explains `measurement` (after removing the speaker's shift).
    func classify(_ measurement: Measurement, recognized: Phone, shift: (first: Double, second: Double)) -> Phone {
        // The recognized vowel's prior is shared by its references (AH has two), as is the rest.
        let matching = Double(VowelReference.all.filter { $0.phone == recognized }.count)
        let own = matching > 0 ? labelConfidence / matching : 0
        let others = (1 - (matching > 0 ? labelConfidence : 0)) / (Double(VowelReference.all.count) - matching)
        let variance = 2 * spread * spread
        var best = recognized, bestScore = -Double.infinity
        for reference in VowelReference.all {
            let prior = reference.phone == recognized ? own : others
            var distance = 0.0
            for (found, expected) in [(measurement.start, reference.start), (measurement.end, reference.end)] {
                let d1 = found.first - shift.first - expected.first, d2 = found.second - shift.second - expected.second
                distance += d1 * d1 + d2 * d2
            }
            let score = log(max(prior, 1e-9)) - distance / variance
            if score > bestScore { bestScore = score; best = reference.phone }
        }
        return best
    }

    /// Median log-formant difference between segments and the references of their labels;
    /// zero (the reference speaker) with too few vowels to tell.
    func speakerShift(_ measured: [Measurement?], labels: [Phone]) -> (first: Double, second: Double) {
        var first: [Double] = [], second: [Double] = []
        for (measurement, label) in zip(measured, labels) {
            guard let measurement, let reference = VowelReference.byPhone[label] else { continue }
            first.append((measurement.start.first + measurement.end.first - reference.start.first - reference.end.first) / 2)
            second.append((measurement.start.second + measurement.end.second - reference.start.second - reference.end.second) / 2)
        }
        guard first.count >= 3 else { return (0, 0) }
        return (Self.median(first), Self.median(second))
    }

    /// Median log formants at the start and end of a segment, or nil without voiced frames.
    func measure(_ phone: TimedPhone, in features: AcousticFeatures) -> Measurement? {
        let lower = max(0, AcousticFeatures.frame(at: phone.start))
        let upper = min(features.frameCount, max(lower + 1, AcousticFeatures.frame(at: phone.end)))
        guard lower < upper, features.firstFormant.count >= upper else { return nil }
        let loudest = (lower..<upper).map { features.levelDB[$0] }.max() ?? 0
        let usable = (lower..<upper).filter { frame in
            features.firstFormant[frame] > 0 && features.secondFormant[frame] > 0 && features.flatness[frame] < 0.35
                && features.highShare[frame] < 0.5 && features.levelDB[frame] > loudest - quietDB
        }
        guard !usable.isEmpty else { return nil }
        let part = max(1, Int((Double(usable.count) * 0.4).rounded()))
        func formants(_ frames: ArraySlice<Int>) -> (first: Double, second: Double) {
            (Self.median(frames.map { log(Double(features.firstFormant[$0])) }),
             Self.median(frames.map { log(Double(features.secondFormant[$0])) }))
        }
        return Measurement(start: formants(usable.prefix(part)), end: formants(usable.suffix(part)))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let count = sorted.count
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
    }
}

/// Reference formants of American English vowels: the means of men's and women's values
/// (geometric, in hertz) measured by Hillenbrand, Getty, Clark and Wheeler (1995), as natural
/// logs. Diphthongs start near one vowel and end near another. AH has a second reference, the
/// neutral vowel (schwa) of a uniform tube, because unstressed vowels, the most common ones, are
/// recognized and transcribed as AH too.
struct VowelReference: Sendable {
    var phone: Phone
    var start: (first: Double, second: Double)
    var end: (first: Double, second: Double)

    private init(_ phone: Phone, _ start: (Double, Double), _ end: (Double, Double)? = nil) {
        self.phone = phone
        self.start = (log(start.0), log(start.1))
        let last = end ?? start
        self.end = (log(last.0), log(last.1))
    }

    static let all: [VowelReference] = [
        VowelReference(.iy, (387, 2532)),
        VowelReference(.ih, (454, 2193)),
        VowelReference(.eh, (651, 1922)),
        VowelReference(.ae, (627, 2141)),
        VowelReference(.aa, (848, 1440)),
        VowelReference(.ao, (712, 1059)),
        VowelReference(.uh, (492, 1172)),
        VowelReference(.uw, (417, 1050)),
        VowelReference(.ah, (684, 1306)),
        VowelReference(.ah, (500, 1500)),
        VowelReference(.er, (497, 1478)),
        VowelReference(.ey, (505, 2299), (420, 2350)),
        VowelReference(.ow, (525, 971), (450, 1050)),
        VowelReference(.ay, (800, 1500), (454, 2193)),
        VowelReference(.aw, (800, 1350), (492, 1172)),
        VowelReference(.oy, (712, 1059), (454, 2193)),
    ]

    /// The first (for AH the full, stressed) reference of each vowel.
    static let byPhone: [Phone: VowelReference] = Dictionary(all.map { ($0.phone, $0) }, uniquingKeysWith: { first, _ in first })
}
