import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorFace

/// Renders the astronaut through the photo avatar and measures the frames with dlib again.
@Suite("Photo animation measured on the rendered frames")
struct PhotoAnimationTests {
    static let fps = 25.0

    /// Jaw openings of speech: syllables of different sizes with pauses between phrases.
    static func speechTrack() -> [MotionFrame] {
        let syllables: [(center: Double, height: Double)] = [
            (0.5, 0.35), (0.7, 0.8), (0.92, 0.5), (1.1, 0.95), (1.3, 0.25),
            (2.1, 0.6), (2.3, 0.9), (2.5, 0.4), (2.7, 0.7),
        ]
        return (0..<Int(3.2 * fps)).map { index in
            let time = Double(index) / fps
            let jaw = syllables.map { syllable -> Double in
                let distance = abs(time - syllable.center) / 0.1
                return distance >= 1 ? 0 : syllable.height * cos(distance * Double.pi / 2)
            }.max() ?? 0
            let round = 0.3 * max(0, sin(time * 7))
            return MotionFrame(jawOpen: Float(jaw), lipRound: Float(round))
        }
    }

    @Test("the mouth opening measured on the output follows the jaw track")
    func mouthFollowsJaw() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        let track = Self.speechTrack()
        var measured: [Double] = []
        var frame = FrameBuffer(size: renderer.size)
        for motion in track {
            try renderer.render(motion, into: &frame)
            let face = try #require(try analyzer.faces(in: frame).first, "the face must stay detectable")
            measured.append(face.mouthOpening)
        }
        let jaw = track.map { Double($0.jawOpen) }
        let correlation = ImageMeasures.correlation(measured, jaw)
        #expect(correlation >= 0.8, "correlation \(correlation)")
        // Pauses read as closed lips, the widest syllables as a clearly open mouth.
        let pauses = zip(jaw, measured).filter { $0.0 == 0 }.map(\.1)
        let peaks = zip(jaw, measured).filter { $0.0 > 0.85 }.map(\.1)
        #expect(!pauses.isEmpty && !peaks.isEmpty)
        #expect(ImageMeasures.median(pauses) < 0.08)
        #expect(ImageMeasures.median(peaks) > 0.2)
    }

    @Test("pressed lips close the mouth whatever the jaw says")
    func pressedLipsClose() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        var frame = FrameBuffer(size: renderer.size)
        try renderer.render(MotionFrame(jawOpen: 0.7), into: &frame)
        let open = try #require(try analyzer.faces(in: frame).first).mouthOpening
        try renderer.render(MotionFrame(jawOpen: 0.7, lipPress: 1), into: &frame)
        let pressed = try #require(try analyzer.faces(in: frame).first).mouthOpening
        #expect(open > 0.15)
        #expect(pressed < 0.06)
    }

    @Test("blinks measured on the output (eye aspect ratio dips) come when the track says")
    func blinksFollowTrack() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        let envelope: [Float] = [0.4, 0.9, 1, 1, 0.6, 0.2]
        var blink = [Float](repeating: 0, count: 40)
        for (offset, value) in envelope.enumerated() {
            blink[6 + offset] = value
            blink[26 + offset] = value
        }
        var ratios: [(left: Double, right: Double)] = []
        var frame = FrameBuffer(size: renderer.size)
        for (index, amount) in blink.enumerated() {
            let motion = MotionFrame(jawOpen: index % 7 < 3 ? 0.4 : 0, blinkLeft: amount, blinkRight: amount)
            try renderer.render(motion, into: &frame)
            let face = try #require(try analyzer.faces(in: frame).first)
            ratios.append((face.eyeAspectRatio(.left), face.eyeAspectRatio(.right)))
        }
        let open = zip(blink, ratios).filter { $0.0 == 0 }.map(\.1)
        let openLeft = ImageMeasures.median(open.map(\.left)), openRight = ImageMeasures.median(open.map(\.right))
        for (index, amount) in blink.enumerated() {
            if amount >= 0.9 {
                #expect(ratios[index].left < 0.5 * openLeft, "frame \(index): left eye should look closed")
                #expect(ratios[index].right < 0.5 * openRight, "frame \(index): right eye should look closed")
            } else if amount == 0 {
                #expect(ratios[index].left > 0.75 * openLeft, "frame \(index): left eye should look open")
                #expect(ratios[index].right > 0.75 * openRight, "frame \(index): right eye should look open")
            }
        }
    }

    @Test("without head motion the face outside mouth and eyes stays close to the photo")
    func stillFaceKeepsItsLook() throws {
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: Fixtures.sharedAnalyzer())
        var source = FrameBuffer(size: renderer.size)
        try renderer.canvas.copy(into: &source)
        let face = renderer.face
        let unit = face.interocularDistance
        let p = face.points
        // The face from forehead to chin, less the eyes and the mouth with the jaw below it.
        let xs = Int(p[0].x)..<Int(p[16].x), ys = Int(p[19].y - 0.5 * unit)..<Int(p[8].y)
        func near(_ x: Int, _ y: Int, _ indices: [Int], margin: Double) -> Bool {
            let points = indices.map { p[$0] }
            let low = points.reduce(points[0], pointwiseMin) - margin, high = points.reduce(points[0], pointwiseMax) + margin
            return Double(x) >= low.x && Double(x) <= high.x && Double(y) >= low.y && Double(y) <= high.y
        }
        let include = { (x: Int, y: Int) -> Bool in
            !near(x, y, Array(36...41), margin: 0.25 * unit) && !near(x, y, Array(42...47), margin: 0.25 * unit)
                && !near(x, y, Array(48...59) + [5, 8, 11], margin: 0.25 * unit)
        }
        let motions = [
            MotionFrame(jawOpen: 0.9), MotionFrame(jawOpen: 0.4, lipRound: 0.8), MotionFrame(lipStretch: 1, lipPress: 1),
            MotionFrame(jawOpen: 0.6, blinkLeft: 1, blinkRight: 1), MotionFrame(jawOpen: 0.2, teethOnLip: 1, browRaise: 0.3),
        ]
        var frame = FrameBuffer(size: renderer.size)
        for motion in motions {
            try renderer.render(motion, into: &frame)
            let similarity = ImageMeasures.ssim(frame, source, region: (xs, ys), include: include)
            #expect(similarity >= 0.9, "SSIM \(similarity) for \(motion)")
        }
    }

    @Test("head turns move the face the way the coefficients say")
    func headPoseDirections() throws {
        let analyzer = try Fixtures.sharedAnalyzer()
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: analyzer)
        func measure(_ motion: MotionFrame) throws -> FaceLandmarks {
            var frame = FrameBuffer(size: renderer.size)
            try renderer.render(motion, into: &frame)
            return try #require(try analyzer.faces(in: frame).first)
        }
        func noseOffset(_ face: FaceLandmarks) -> Double {
            (face.points[30].x - (face.eyeCenter(.left).x + face.eyeCenter(.right).x) / 2) / face.interocularDistance
        }
        func eyeLineDegrees(_ face: FaceLandmarks) -> Double {
            let line = face.eyeCenter(.right) - face.eyeCenter(.left)
            return atan2(line.y, line.x) * 180 / .pi
        }
        let rest = try measure(.rest)
        #expect(noseOffset(try measure(MotionFrame(headYaw: 10))) > noseOffset(rest) + 0.04, "yaw +10 turns toward the viewer's right")
        #expect(noseOffset(try measure(MotionFrame(headYaw: -10))) < noseOffset(rest) - 0.04)
        let rolled = eyeLineDegrees(try measure(MotionFrame(headRoll: -8))) - eyeLineDegrees(rest)
        #expect(abs(rolled + 8) < 2.5, "roll -8 tilts the eye line by about -8 degrees (measured \(rolled))")
        let nodded = try measure(MotionFrame(headPitch: 10))
        #expect(nodded.points[30].y - rest.points[30].y > 0.1 * rest.interocularDistance, "pitch +10 tips the face down")
    }

    @Test("frames rendered at once on several threads equal frames rendered one by one")
    func concurrentRendering() throws {
        let renderer = try PhotoAvatarRenderer(photoAt: TestFixtures.astronaut(), analyzer: Fixtures.sharedAnalyzer())
        let motions = (0..<8).map { MotionFrame(jawOpen: Float($0) / 8, blinkLeft: $0 == 3 ? 1 : 0, headYaw: Float($0) - 4) }
        let serial = try motions.map { motion in
            var frame = FrameBuffer(size: renderer.size)
            try renderer.render(motion, into: &frame)
            return frame.pixels
        }
        let results = ResultBox(count: motions.count)
        DispatchQueue.concurrentPerform(iterations: motions.count) { index in
            var frame = FrameBuffer(size: renderer.size)
            let outcome = Result { () throws(OratorError) in try renderer.render(motions[index], into: &frame) }
            results.set(index, outcome.map { frame.pixels })
        }
        for index in motions.indices {
            #expect(try results.get(index) == serial[index])
        }
    }
}

/// Collects per-index results from concurrent work.
private final class ResultBox: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var values: [Result<[UInt8], OratorError>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<[UInt8], OratorError>) { lock.withLock { values[index] = value } }

    func get(_ index: Int) throws -> [UInt8] {
        guard let value = lock.withLock({ values[index] }) else { throw FixtureError("no result for frame \(index)") }
        return try value.get()
    }
}
