import OratorCore
import OratorMotion
import Testing
@testable import OratorPipeline

@Suite("--head-motion: how much the head moves")
struct HeadMotionSettingTests {
    /// Root-mean-square head yaw, pitch and roll (degrees) over 20 s of the motion `layer` asks for.
    static func movement(_ layer: SettingsLayer) throws -> Double {
        let configuration = try SettingsResolver().resolve([layer]).motion
        let track = MotionSynthesizer(configuration: configuration).track(cues: [], timeline: SpeechTimeline(duration: 20), duration: 20)
        let squares = track.frames.map { Double($0.headYaw * $0.headYaw + $0.headPitch * $0.headPitch + $0.headRoll * $0.headRoll) }
        return (squares.reduce(0, +) / Double(squares.count)).squareRoot()
    }

    @Test func zeroHoldsTheHeadAndTwoMovesItTwiceAsMuchAsOne() throws {
        let natural = try Self.movement(SettingsLayer(seed: 3))
        #expect(natural > 0.5, "the head barely moves by default: \(natural) degrees")
        #expect(try Self.movement(SettingsLayer(seed: 3, headMotion: 1)) == natural)
        #expect(try Self.movement(SettingsLayer(seed: 3, headMotion: 2)) >= 1.99 * natural)
        #expect(try Self.movement(SettingsLayer(seed: 3, headMotion: 0.5)) <= 0.51 * natural)
        #expect(try Self.movement(SettingsLayer(seed: 3, headMotion: 0)) == 0)
        #expect(try SettingsResolver().resolve([SettingsLayer(headMotion: 0)]).motion.still)
    }

    @Test(arguments: [Float(-0.1), 2.5, .nan])
    func outOfRangeIsRefused(_ amount: Float) {
        #expect(throws: OratorError.self) { try SettingsResolver().resolve([SettingsLayer(headMotion: amount)]) }
    }
}
