import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OratorCore
import OratorLipSync
import Testing

@Suite("Exports for other tools: Rhubarb's XML, ARKit blend shapes, the motion track")
struct RigExportTests {
    let cues = [
        MouthCue(shape: .x, start: 0, end: 0.05), MouthCue(shape: .d, start: 0.05, end: 0.27),
        MouthCue(shape: .a, start: 0.27, end: 0.31), MouthCue(shape: .x, start: 0.31, end: 0.478),
    ]

    @Test func xmlHoldsWhatTheJSONHolds() throws {
        let exporter = try MouthCueExporter()
        let name = "takes/a&b <1>.wav"
        let document = try XMLDocument(data: Data(exporter.export(cues, duration: 0.478, soundFile: name, format: .xml).utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "rhubarbResult")
        #expect(try root.nodes(forXPath: "metadata/soundFile").first?.stringValue == name)
        #expect(try root.nodes(forXPath: "metadata/duration").first?.stringValue == "0.47")
        let parsed = try root.nodes(forXPath: "mouthCues/mouthCue").compactMap { $0 as? XMLElement }
        #expect(parsed.compactMap(\.stringValue) == ["X", "D", "A", "X"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(exporter.export(cues, duration: 0.478, soundFile: name, format: .json).utf8))
            as? [String: Any])
        let jsonCues = try #require(json["mouthCues"] as? [[String: Any]])
        #expect(parsed.compactMap { $0.attribute(forName: "start")?.stringValue.flatMap(Double.init) } == jsonCues.compactMap { $0["start"] as? Double })
        #expect(parsed.compactMap { $0.attribute(forName: "end")?.stringValue.flatMap(Double.init) } == jsonCues.compactMap { $0["end"] as? Double })
    }

    @Test func arkitWeightsFollowTheMotion() {
        let names = ARKitExporter.names
        func weight(_ name: String, _ frame: MotionFrame) -> Float { ARKitExporter.weights(frame)[names.firstIndex(of: name)!] }
        let pressed = MotionFrame(mouthShape: .a, jawOpen: 0.1, lipPress: 1)
        #expect(weight("mouthClose", pressed) == 0.1 && weight("mouthPressLeft", pressed) == 1 && weight("jawOpen", pressed) == 0.1)
        let rounded = MotionFrame(mouthShape: .f, jawOpen: 0.05, lipRound: 1)
        let open = MotionFrame(mouthShape: .e, jawOpen: 0.6, lipRound: 1)
        #expect(weight("mouthPucker", rounded) > weight("mouthFunnel", rounded))
        #expect(weight("mouthFunnel", open) > weight("mouthPucker", open))
        // The motion's sides are the viewer's; ARKit's are the subject's.
        let wink = MotionFrame(blinkLeft: 1, blinkRight: 0)
        #expect(weight("eyeBlinkRight", wink) == 1 && weight("eyeBlinkLeft", wink) == 0)
        #expect(weight("browInnerUp", MotionFrame(browRaise: 0.8)) == 0.8 && weight("browDownLeft", MotionFrame(browRaise: -0.5)) == 0.5)
        for frame in [pressed, rounded, open, wink, MotionFrame(jawOpen: 3, lipStretch: -2, browRaise: 9)] {
            #expect(ARKitExporter.weights(frame).count == names.count)
            #expect(ARKitExporter.weights(frame).allSatisfy { (0...1).contains($0) })
        }
    }

    @Test func arkitCSVAndJSONParseBack() throws {
        let track = MotionTrack(fps: 30, frames: [MotionFrame(jawOpen: 0.5, headYaw: -2.5), MotionFrame(blinkRight: 1)])
        let lines = ARKitExporter.csv(track).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.count == 3 && lines.allSatisfy { $0.count == ARKitExporter.names.count + 5 })
        #expect(lines[0][2] == "jawOpen" && lines[1][2] == "0.5000" && lines[2][1] == "0.0333" && lines[1].last == "0.000")
        #expect(lines[1][lines[0].firstIndex(of: "headYaw")!] == "-2.500")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ARKitExporter.json(track).utf8)) as? [String: Any])
        #expect(object["names"] as? [String] == ARKitExporter.names && object["fps"] as? Double == 30)
        let frames = try #require(object["frames"] as? [[String: Any]])
        #expect(frames.count == 2 && (frames[1]["weights"] as? [Double])?[ARKitExporter.names.firstIndex(of: "eyeBlinkLeft")!] == 1)
        let decoded = try JSONDecoder().decode(MotionTrack.self, from: Data(try MotionTrackJSON.text(track).utf8))
        #expect(decoded == track)
    }
}
