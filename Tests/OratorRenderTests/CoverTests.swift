import Foundation
import OratorCore
import Testing
@testable import OratorRender

/// The cover's title fitting (with a fixed-width measure, so widths are known) and the cover's
/// pixels: faces in their circles, the title drawn in a colour that reads on the accent.
@Suite("Episode covers")
struct CoverTests {
    /// Every character is 0.6 em wide.
    static func measure(_ text: String, _ size: Double) -> Double { Double(text.count) * size * 0.6 }
    static let sizes = stride(from: 96.0, through: 40, by: -2).map { $0 }

    @Test("a short title stays on one line at the largest size")
    func shortTitle() {
        let fit = TitleFit.fit("Hello", width: 600, maxLines: 3, sizes: Self.sizes, measure: Self.measure)
        #expect(fit == TitleFit(lines: ["Hello"], fontSize: 96))
    }

    @Test("a longer title shrinks until it wraps into three lines or fewer, each inside the column, evened out")
    func wrappedTitle() {
        let title = "The Orator Show, episode 1: how a script becomes a video"
        let fit = TitleFit.fit(title, width: 560, maxLines: 3, sizes: Self.sizes, measure: Self.measure)
        #expect(fit.lines.count <= 3 && fit.fontSize < 96)
        #expect(fit.lines.joined(separator: " ") == title)
        for line in fit.lines { #expect(Self.measure(line, fit.fontSize) <= 560, "'\(line)' is too wide") }
        // One size larger would not fit in three lines.
        let larger = fit.fontSize + 2
        #expect(TitleFit.wrap(title.split(separator: " ").map(String.init), width: 560) { Self.measure($0, larger) }.count > 3)
        let lengths = fit.lines.map(\.count)
        #expect((lengths.max() ?? 0) - (lengths.min() ?? 0) <= 12, "uneven lines \(fit.lines)")
    }

    @Test("a title too long even at the smallest size ends in an ellipsis; a word longer than a line is broken")
    func overlongTitle() {
        let title = String(repeating: "endless words ", count: 30) + "Supercalifragilisticexpialidocious"
        let fit = TitleFit.fit(title, width: 400, maxLines: 3, sizes: Self.sizes, measure: Self.measure)
        #expect(fit.fontSize == 40 && fit.lines.count == 3)
        #expect(fit.lines.last?.hasSuffix("…") == true)
        for line in fit.lines { #expect(Self.measure(line, 40) <= 400) }
        let word = TitleFit.fit("Pneumonoultramicroscopicsilicovolcanoconiosis", width: 400, maxLines: 3, sizes: Self.sizes, measure: Self.measure)
        #expect(word.lines.joined() == "Pneumonoultramicroscopicsilicovolcanoconiosis" && word.lines.count == 3)
        for line in word.lines { #expect(Self.measure(line, 40) <= 400) }
    }

    @Test("faces fill their circles on the right; the title is drawn on the left in ink that reads on the accent", arguments: [
        ("#F9B03A", true), ("#1E3A8A", false),
    ])
    func coverPixels(_ accent: String, _ darkInk: Bool) throws {
        let renderer = try CoverRenderer(accent: try RGBColor(hex: accent))
        let side = renderer.faceSide(faces: 2)
        let colours: [[UInt8]] = [[20, 200, 40], [220, 30, 160]]
        let faces = colours.map { colour -> CoverFace in
            var face = FrameBuffer(size: FrameSize(square: side))
            for index in stride(from: 0, to: face.pixels.count, by: 4) { face.pixels.replaceSubrange(index..<index + 4, with: colour + [255]) }
            return CoverFace(frame: face)
        }
        let cover = try renderer.render(title: "Two Faces Talking", names: ["Alex Rivera", "Sam Lee"], faces: faces)
        #expect(cover.size == FrameSize(width: 1280, height: 720))
        let layout = CoverLayout(size: cover.size, faces: 2)
        for (circle, colour) in zip(layout.circles, colours) {
            let index = (Int(circle.y) * 1280 + Int(circle.x)) * 4
            #expect(Array(cover.pixels[index..<index + 3]) == colour)
            #expect(circle.x - circle.diameter / 2 > layout.textX + layout.textWidth, "the face overlaps the text column")
        }
        // Ink: the title column's darkest (or brightest) pixels contrast strongly with the accent.
        var darkest = 255.0, brightest = 0.0
        for y in 150..<570 {
            for x in Int(layout.textX)..<Int(layout.textX + layout.textWidth) {
                let index = (y * 1280 + x) * 4
                let blue = Double(cover.pixels[index]), green = Double(cover.pixels[index + 1]), red = Double(cover.pixels[index + 2])
                let value = (blue + green + red) / 3
                darkest = min(darkest, value)
                brightest = max(brightest, value)
            }
        }
        if darkInk { #expect(darkest < 40, "darkest \(darkest)") } else { #expect(brightest > 230, "brightest \(brightest)") }
    }

    @Test("a portrait cover size is refused with the fix")
    func badSize() {
        #expect(throws: OratorError.self) { try CoverRenderer(size: FrameSize(width: 720, height: 1280), accent: .white) }
    }
}
