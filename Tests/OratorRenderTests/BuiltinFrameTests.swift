import Foundation
import OratorCore
import OratorRender
import OratorTestSupport
import Testing

@Suite("Built-in presenter: frames, styles and threads")
struct BuiltinFrameTests {
    @Test("Frames of any shape are filled and hold the presenter in the middle",
          arguments: [FrameSize(width: 1280, height: 720), FrameSize(width: 1080, height: 1920),
                      FrameSize(width: 720, height: 1280), FrameSize(square: 256)])
    func anySizeRenders(_ size: FrameSize) throws {
        let renderer = try BuiltinAvatarRenderer(size: size)
        let rest = try Pixels.render(renderer, .rest)
        let open = try Pixels.render(renderer, AssumedPoses.pose(.d))
        #expect(stride(from: 3, to: rest.pixels.count, by: 4).allSatisfy { rest.pixels[$0] == 255 }, "frame is not opaque")
        for (x, y) in [(0, 0), (size.width - 1, 0)] {
            let corner = Pixels.pixel(rest, x: x, y: y)
            #expect(corner[0] > 150 && corner[1] > 150 && corner[2] > 150, "corner (\(x), \(y)) is not background: \(corner)")
        }
        let region = renderer.mouthRegion
        #expect(abs(Double(region.x) + Double(region.width) / 2 - Double(size.width) / 2) <= 1)
        #expect(Pixels.changedFraction(rest, open, in: region) > 0.25)
        // The body reaches the bottom edge: its middle is jacket or shirt, not background.
        let bottom = Pixels.pixel(rest, x: size.width / 2 - size.width / 10, y: size.height - 1)
        #expect(bottom != Pixels.pixel(rest, x: 0, y: size.height - 1))
    }

    @Test("Rendering on many threads at once gives the same frames as one at a time")
    func concurrentMatchesSerial() throws {
        let renderer = try BuiltinAvatarRenderer(size: FrameSize(width: 320, height: 240))
        let motions = (0..<24).map { index -> MotionFrame in
            let t = Float(index)
            return MotionFrame(jawOpen: (t / 23), lipRound: index % 3 == 0 ? 0.6 : 0, blinkLeft: index % 5 == 0 ? 1 : 0,
                               browRaise: sin(t), headYaw: 8 * sin(t * 0.7), headPitch: 5 * cos(t), headRoll: 6 * sin(t * 1.3),
                               translateX: 0.01 * sin(t), translateY: 0.01 * cos(t))
        }
        let serial = try motions.map { try Pixels.render(renderer, $0).pixels }
        let results = ConcurrentResults(count: motions.count)
        DispatchQueue.concurrentPerform(iterations: motions.count) { index in
            results.store(index, Result { try Pixels.render(renderer, motions[index]).pixels })
        }
        for index in motions.indices {
            #expect(try results.value(index).get() == serial[index], "frame \(index) differs when drawn concurrently")
        }
    }

    @Test("A style recolours the presenter and decodes from partial JSON")
    func styleRecolours() throws {
        let json = ##"{"backgroundTop": "#203040", "jacket": "#8a1c1c"}"##
        let style = try JSONDecoder().decode(BuiltinAvatarStyle.self, from: Data(json.utf8))
        #expect(style.backgroundTop.hex == "#203040")
        #expect(style.skin == BuiltinAvatarStyle().skin)
        let plain = try Pixels.render(BuiltinAvatarRenderer(size: FrameSize(square: 128)), .rest)
        let styled = try Pixels.render(BuiltinAvatarRenderer(size: FrameSize(square: 128), style: style), .rest)
        #expect(Pixels.pixel(styled, x: 2, y: 2)[0] < 0x50)
        #expect(Pixels.meanDifference(plain, styled, in: Pixels.whole(plain)) > 10)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(BuiltinAvatarStyle.self, from: Data(#"{"skin": "peach"}"#.utf8))
        }
    }

    @Test("A buffer of the wrong size and non-finite motion are refused")
    func wrongBufferRefused() throws {
        let renderer = try BuiltinAvatarRenderer(size: FrameSize(square: 64))
        var frame = FrameBuffer(size: FrameSize(square: 32))
        #expect(throws: OratorError.self) { try renderer.render(.rest, into: &frame) }
        #expect(throws: OratorError.self) { try BuiltinAvatarRenderer(size: FrameSize(width: 8, height: 8)) }
        var right = FrameBuffer(size: renderer.size)
        #expect(throws: OratorError(.renderFailed, "cannot draw a frame whose headYaw is nan: motion values must be finite numbers")) {
            try renderer.render(MotionFrame(headYaw: .nan), into: &right)
        }
        // Values out of range are limited, not refused.
        try renderer.render(MotionFrame(jawOpen: 5, lipRound: -3, blinkLeft: 9, browRaise: 40, headYaw: 400), into: &right)
    }

    @Test("A frame survives a PNG round trip")
    func pngRoundTrip() throws {
        let folder = try TemporaryFolder("render")
        defer { folder.remove() }
        let frame = try Pixels.render(BuiltinAvatarRenderer(size: FrameSize(width: 96, height: 64)), AssumedPoses.pose(.c))
        let url = folder.url.appendingPathComponent("frame.png")
        try FramePNG.write(frame, to: url)
        let read = try FramePNG.read(from: url)
        #expect(read.size == frame.size)
        #expect(read.pixels == frame.pixels)
    }
}

/// Results filled in by concurrent workers, one slot each.
final class ConcurrentResults: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var slots: [Result<[UInt8], any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ result: Result<[UInt8], any Error>) { lock.withLock { slots[index] = result } }

    func value(_ index: Int) -> Result<[UInt8], any Error> {
        lock.withLock { slots[index] ?? .failure(OratorError(.internalFailure, "frame \(index) was never drawn")) }
    }
}
