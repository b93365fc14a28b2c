import Foundation
import OratorCore
@testable import OratorLipSync
import Testing

@Suite("Vowels from formants")
struct VowelClassifierTests {
    /// Features for a run of steady vowels, 10 frames each: (F1, F2) in hertz per segment.
    static func features(_ vowels: [(Float, Float)]) -> AcousticFeatures {
        var features = AcousticFeatures()
        for (first, second) in vowels {
            for _ in 0..<10 {
                features.firstFormant.append(first)
                features.secondFormant.append(second)
                features.levelDB.append(-20)
                features.flatness.append(0.1)
                features.highShare.append(0.05)
            }
        }
        features.duration = Double(features.frameCount) / AcousticFeatures.frameRate
        return features
    }

    static func phones(_ labels: [Phone]) -> [TimedPhone] {
        labels.enumerated().map { TimedPhone(phone: $1, start: Double($0) * 0.1, end: Double($0 + 1) * 0.1) }
    }

    static func measurement(_ first: Double, _ second: Double) -> VowelFormantClassifier.Measurement {
        VowelFormantClassifier.Measurement(start: (log(first), log(second)), end: (log(first), log(second)))
    }

    @Test func clearFormantsOverrideTheRecognizedVowel() {
        let classifier = VowelFormantClassifier()
        // An "ee" (F1 390, F2 2500) that the recognizer called "ah", and an "ah" it called "oo".
        #expect(classifier.classify(Self.measurement(390, 2500), recognized: .aa, shift: (0, 0)) == .iy)
        #expect(classifier.classify(Self.measurement(850, 1400), recognized: .uw, shift: (0, 0)) == .aa)
    }

    @Test func ambiguousFormantsKeepTheRecognizedVowel() {
        let classifier = VowelFormantClassifier()
        // Midway between "eh" (651, 1922) and "ae" (627, 2141): the recognizer decides.
        let between = Self.measurement(639, 2030)
        #expect(classifier.classify(between, recognized: .eh, shift: (0, 0)) == .eh)
        #expect(classifier.classify(between, recognized: .ae, shift: (0, 0)) == .ae)
    }

    @Test func unstressedVowelsAreOpenMidVowels() {
        let classifier = VowelFormantClassifier()
        // The neutral vowel (schwa, F1 500, F2 1500) heard as "ih" is a mid-central vowel (the
        // jaw half open); heard as "ah" it stays "ah".
        let schwa = Self.measurement(500, 1500)
        #expect([Phone.ah, .er].contains(classifier.classify(schwa, recognized: .ih, shift: (0, 0))))
        #expect(classifier.classify(schwa, recognized: .ah, shift: (0, 0)) == .ah)
    }

    @Test func diphthongsAreTold() {
        let classifier = VowelFormantClassifier()
        // Open at the start, "ih"-like at the end: "eye", even if recognized as "ah".
        let glide = VowelFormantClassifier.Measurement(start: (log(800), log(1500)), end: (log(454), log(2193)))
        #expect(classifier.classify(glide, recognized: .aa, shift: (0, 0)) == .ay)
    }

    @Test func speakerShiftMeasuresAShorterVocalTract() {
        // Every formant 20% above the reference: the shift is log 1.2 for both formants.
        let labels: [Phone] = [.iy, .aa, .uw, .eh, .ah]
        let measured = labels.map { label -> VowelFormantClassifier.Measurement? in
            let reference = VowelReference.byPhone[label]!
            return VowelFormantClassifier.Measurement(start: (reference.start.first + log(1.2), reference.start.second + log(1.2)),
                                                      end: (reference.end.first + log(1.2), reference.end.second + log(1.2)))
        }
        let shift = VowelFormantClassifier().speakerShift(measured, labels: labels)
        #expect(abs(shift.first - log(1.2)) < 1e-9 && abs(shift.second - log(1.2)) < 1e-9)
        #expect(VowelFormantClassifier().speakerShift(Array(measured.prefix(2)), labels: Array(labels.prefix(2))) == (0, 0))
    }

    @Test func relabelsConfusedVowelsOfAHigherVoice() {
        // A voice with formants 30% above the reference (a child's). The recognizer got "ee",
        // "ih", "eh", "ah" and "oo" right but called an open "aa" "oo": only that one changes.
        let scale: Float = 1.3
        let vowels: [(Float, Float)] = [(387, 2532), (454, 2193), (651, 1922), (684, 1306), (417, 1050), (848, 1440)]
        let features = Self.features(vowels.map { ($0.0 * scale, $0.1 * scale) })
        let recognized = Self.phones([.iy, .ih, .eh, .ah, .uw, .uw])
        let result = VowelFormantClassifier().relabel(recognized, features: features)
        #expect(result.map(\.phone) == [.iy, .ih, .eh, .ah, .uw, .aa])
        #expect(result[5].symbol == "UW>AA")
        #expect(result.map(\.start) == recognized.map(\.start))
    }

    @Test func consonantsAndUnvoicedVowelsAreLeftAlone() {
        var features = Self.features([(850, 1400), (850, 1400), (390, 2500)])
        // The last segment is noise (a whispered vowel): no formant evidence.
        for frame in 20..<30 { features.flatness[frame] = 0.8 }
        let recognized = Self.phones([.s, .l, .aa])
        #expect(VowelFormantClassifier().relabel(recognized, features: features).map(\.phone) == [.s, .l, .aa])
    }
}
