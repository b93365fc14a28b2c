import Foundation
import OratorAudio
import OratorCore
@testable import OratorLipSync
import OratorMotion
import OratorTestSupport
import Testing

@Suite("Lip sync without a transcript")
struct RecognitionTests {
    @Test func pocketSphinxFindsPhonesInVoicedRegions() throws {
        let result = try LipSyncEngine(configuration: LipSyncConfiguration(recognizeWords: false)).analyze(audioURL: Fixtures.clip, transcript: nil)
        #expect(result.method == .phoneRecognition)
        let spoken = result.timeline.phones.filter { $0.phone != .silence }
        // "he was not an ill disposed young man" has 25 phones; allow for recognition errors.
        #expect(spoken.count >= 12)
        let audio = try AudioDecoder.decodeAll(Fixtures.clip, sampleRate: 16_000)
        let reference = ReferenceVoicing(audio: audio)
        let inside = spoken.filter { reference.isNear(($0.start + $0.end) / 2, tolerance: 0.03) }
        #expect(Double(inside.count) >= Double(spoken.count) * 0.95)
        // The leading half second is silence in the recording: the mouth rests there.
        #expect(result.cues.first?.shape == .x && (result.cues.first?.end ?? 0) >= 0.15)
        #expect(result.cues.contains { PhoneShapeTable.isOpen($0.shape) })
    }

    @Test func acousticEstimateForOtherLanguages() throws {
        let spoken = try Fixtures.spoken("Guten Morgen, wie geht es dir heute?", voice: "de", wordsPerMinute: 150)
        let result = try LipSyncEngine(configuration: LipSyncConfiguration(voice: "de")).analyze(audio: spoken.audio, transcript: nil)
        #expect(result.method == .acousticEstimate)
        let truthShapes = TrackComparison.shapes(VisemeTrackBuilder().cues(for: spoken.timeline), duration: spoken.timeline.duration)
        let shapes = TrackComparison.shapes(result.cues, duration: result.duration)
        // Lips apart while the voice speaks and together in its pauses, most of the time.
        #expect(TrackComparison.lipsAgreement(shapes, truthShapes) > 0.7)
        #expect(Set(shapes).count >= 4)
    }
}
