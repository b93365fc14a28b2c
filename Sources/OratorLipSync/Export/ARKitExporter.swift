import Foundation
import OratorCore

/// Per-frame ARKit face blend-shape weights (the names of Apple's `ARFaceAnchor.BlendShapeLocation`,
/// 0...1) made from a motion track, for 3D rigs that are driven by them, as CSV or JSON.
///
/// ARKit's left and right are the subject's own, so `eyeBlinkLeft` is the motion's `blinkRight`
/// (the motion's sides are the viewer's). `mouthClose` is ARKit's lips-together-with-the-jaw-open,
/// so it never exceeds `jawOpen`. The expression coefficients give the smile, frown, wide-eye, squint
/// and cheek weights (the same on both sides: Orator's expressions are symmetric).
public enum ARKitExporter {
    public static let names = [
        "jawOpen", "mouthClose", "mouthFunnel", "mouthPucker", "mouthSmileLeft", "mouthSmileRight",
        "mouthStretchLeft", "mouthStretchRight", "mouthPressLeft", "mouthPressRight", "mouthRollLower",
        "eyeBlinkLeft", "eyeBlinkRight", "browInnerUp", "browOuterUpLeft", "browOuterUpRight", "browDownLeft", "browDownRight",
        "mouthFrownLeft", "mouthFrownRight", "eyeWideLeft", "eyeWideRight", "eyeSquintLeft", "eyeSquintRight",
        "cheekSquintLeft", "cheekSquintRight",
    ]

    /// The weights of `frame`, in the order of `names`.
    public static func weights(_ frame: MotionFrame) -> [Float] {
        func unit(_ value: Float) -> Float { max(0, min(1, value)) }
        let jaw = unit(frame.jawOpen), round = unit(frame.lipRound), open = min(1, jaw * 2)
        let raise = unit(frame.browRaise), lower = unit(-frame.browRaise)
        let smile = unit(frame.smile), frown = unit(frame.mouthFrown), wide = unit(frame.eyeWiden), squint = unit(-frame.eyeWiden)
        let cheek = unit(frame.cheekRaise)
        return [
            jaw, min(jaw, unit(frame.lipPress)), round * open, round * (1 - open), smile, smile,
            unit(frame.lipStretch), unit(frame.lipStretch), unit(frame.lipPress), unit(frame.lipPress), unit(frame.teethOnLip),
            unit(frame.blinkRight), unit(frame.blinkLeft), raise, raise * 0.6, raise * 0.6, lower, lower,
            frown, frown, wide, wide, squint, squint, cheek, cheek,
        ]
    }

    /// `frame,time,<names>,headYaw,headPitch,headRoll`: one line per frame, time in seconds, head
    /// angles in degrees (yaw positive to the viewer's right, pitch chin down, roll clockwise).
    public static func csv(_ track: MotionTrack) -> String {
        var text = (["frame", "time"] + names + ["headYaw", "headPitch", "headRoll"]).joined(separator: ",") + "\n"
        for (index, frame) in track.frames.enumerated() {
            let values = weights(frame).map { number($0) } + [frame.headYaw, frame.headPitch, frame.headRoll].map { number($0, digits: 3) }
            text += "\(index),\(number(Float(Double(index) / track.fps), digits: 4)),\(values.joined(separator: ","))\n"
        }
        return text
    }

    /// `{"fps", "names", "frames": [{"time", "weights": [...], "head": {"yaw", "pitch", "roll"}}]}`.
    public static func json(_ track: MotionTrack) -> String {
        var text = "{\n  \"fps\": \(track.fps),\n  \"names\": [\(names.map { "\"\($0)\"" }.joined(separator: ", "))],\n  \"frames\": [\n"
        text += track.frames.enumerated().map { index, frame in
            "    {\"time\": \(number(Float(Double(index) / track.fps), digits: 4)), \"weights\": [\(weights(frame).map { number($0) }.joined(separator: ", "))], "
                + "\"head\": {\"yaw\": \(number(frame.headYaw, digits: 3)), \"pitch\": \(number(frame.headPitch, digits: 3)), \"roll\": \(number(frame.headRoll, digits: 3))}}"
        }.joined(separator: ",\n")
        return text + (track.frames.isEmpty ? "  ]\n}\n" : "\n  ]\n}\n")
    }

    private static func number(_ value: Float, digits: Int = 4) -> String {
        let text = String(format: "%.\(digits)f", Double(value))
        return text == "-0." + String(repeating: "0", count: digits) ? String(text.dropFirst()) : text
    }
}
