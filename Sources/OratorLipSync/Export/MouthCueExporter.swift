import Foundation
import OratorCore

/// File formats for mouth cues that tools reading Rhubarb Lip Sync's output accept.
public enum MouthCueFormat: String, Sendable, Codable, CaseIterable {
    /// `seconds<TAB>shape` per line; the last line is the end of the recording with a closed mouth.
    case tsv
    /// `{"metadata": {"soundFile", "duration"}, "mouthCues": [{"start", "end", "value"}]}`.
    case json
    /// Moho / OpenToonz switch data: `MohoSwitch1`, then `frame shape` lines, frames counted from 1.
    case dat
    /// `<rhubarbResult>` with `<metadata>` (`soundFile`, `duration`) and `<mouthCues>` of
    /// `<mouthCue start="S" end="E">SHAPE</mouthCue>`: the JSON's content in Rhubarb's XML layout.
    case xml
}

/// Writes mouth cues as Rhubarb Lip Sync does, so animators can switch tools.
///
/// Format facts (from Rhubarb's documentation and behaviour): times are seconds with two
/// decimals and the duration is truncated to 0.01 s; TSV ends with a line at the end of the
/// recording holding the closed mouth (X, or A when X is not among the extended shapes); JSON
/// cues are contiguous; DAT frame numbers are `1 + floor(start * fps)`, a cue that starts in the
/// same frame as the one before it is left out, and a closed mouth is keyed at the end frame.
public struct MouthCueExporter: Sendable {
    /// Shapes allowed among G, H and X; decides whether the closing shape is X or A.
    public var extendedShapes: Set<MouthShape>
    /// Frame rate of DAT output.
    public var framesPerSecond: Double
    /// Write DAT shapes with Preston Blair names (MBP, etc, E, AI, O, U, FV, L, rest).
    public var prestonBlairNames: Bool

    /// Checks the frame rate (1 to 120 frames per second).
    public init(extendedShapes: Set<MouthShape> = [.g, .h, .x], framesPerSecond: Double = 24,
                prestonBlairNames: Bool = false) throws(OratorError) {
        guard framesPerSecond.isFinite, framesPerSecond >= 1, framesPerSecond <= 120 else {
            throw OratorError(.invalidInput, "invalid frame rate \(framesPerSecond): use 1 to 120 frames per second")
        }
        self.extendedShapes = extendedShapes
        self.framesPerSecond = framesPerSecond
        self.prestonBlairNames = prestonBlairNames
    }

    /// The cues of a recording `duration` seconds long in `format`; `soundFile` goes into JSON metadata.
    public func export(_ cues: [MouthCue], duration: Double, soundFile: String, format: MouthCueFormat) -> String {
        let grid = Self.centisecondCues(cues, duration: duration)
        switch format {
        case .tsv: return tsv(grid.cues, end: grid.end)
        case .json: return json(grid.cues, end: grid.end, soundFile: soundFile)
        case .dat: return dat(grid.cues, end: grid.end)
        case .xml: return xml(grid.cues, end: grid.end, soundFile: soundFile)
        }
    }

    /// The closed mouth written at the end of TSV and DAT output.
    var closedShape: MouthShape { extendedShapes.contains(.x) ? .x : .a }

    private func tsv(_ cues: [(start: Int, end: Int, shape: MouthShape)], end: Int) -> String {
        var text = ""
        for cue in cues { text += "\(Self.seconds(cue.start))\t\(cue.shape.rawValue)\n" }
        text += "\(Self.seconds(end))\t\(closedShape.rawValue)\n"
        return text
    }

    private func json(_ cues: [(start: Int, end: Int, shape: MouthShape)], end: Int, soundFile: String) -> String {
        var text = "{\n  \"metadata\": {\n    \"soundFile\": \(JSONText.quoted(soundFile)),\n"
        text += "    \"duration\": \(Self.seconds(end))\n  },\n  \"mouthCues\": [\n"
        text += cues.map { "    { \"start\": \(Self.seconds($0.start)), \"end\": \(Self.seconds($0.end)), \"value\": \"\($0.shape.rawValue)\" }" }
            .joined(separator: ",\n")
        text += cues.isEmpty ? "  ]\n}\n" : "\n  ]\n}\n"
        return text
    }

    private func xml(_ cues: [(start: Int, end: Int, shape: MouthShape)], end: Int, soundFile: String) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rhubarbResult>\n  <metadata>\n"
        text += "    <soundFile>\(XMLText.escaped(soundFile))</soundFile>\n    <duration>\(Self.seconds(end))</duration>\n"
        text += "  </metadata>\n  <mouthCues>\n"
        for cue in cues {
            text += "    <mouthCue start=\"\(Self.seconds(cue.start))\" end=\"\(Self.seconds(cue.end))\">\(cue.shape.rawValue)</mouthCue>\n"
        }
        return text + "  </mouthCues>\n</rhubarbResult>\n"
    }

    private func dat(_ cues: [(start: Int, end: Int, shape: MouthShape)], end: Int) -> String {
        var text = "MohoSwitch1\n"
        var lastFrame = 0
        for cue in cues {
            let frame = frameNumber(cue.start)
            if frame == lastFrame { continue }
            text += "\(frame) \(name(cue.shape))\n"
            lastFrame = frame
        }
        var closing = frameNumber(end)
        if closing == lastFrame { closing += 1 }
        text += "\(closing) \(name(closedShape))\n"
        return text
    }

    private func frameNumber(_ centiseconds: Int) -> Int {
        1 + Int((framesPerSecond * Double(centiseconds) / 100).rounded(.down))
    }

    private func name(_ shape: MouthShape) -> String {
        guard prestonBlairNames else { return shape.rawValue }
        switch shape {
        case .a: return "MBP"
        case .b: return "etc"
        case .c: return "E"
        case .d: return "AI"
        case .e: return "O"
        case .f: return "U"
        case .g: return "FV"
        case .h: return "L"
        case .x: return "rest"
        }
    }

    /// Cues on the 0.01 s grid: contiguous from 0, empty ones dropped, equal neighbours joined,
    /// the last ending at the truncated duration.
    static func centisecondCues(_ cues: [MouthCue], duration: Double) -> (cues: [(start: Int, end: Int, shape: MouthShape)], end: Int) {
        let end = max(0, Int((duration * 100 + 1e-6).rounded(.down)))
        var grid: [(start: Int, end: Int, shape: MouthShape)] = []
        for cue in cues.sorted(by: { $0.start < $1.start }) {
            let start = max(grid.last?.end ?? 0, min(end, Int((cue.start * 100).rounded())))
            let stop = min(end, Int((cue.end * 100).rounded()))
            guard stop > start else { continue }
            if let last = grid.last, last.shape == cue.shape {
                grid[grid.count - 1].end = stop
            } else {
                if let last = grid.last, last.end < start { grid[grid.count - 1].end = start }
                grid.append((grid.isEmpty ? 0 : start, stop, cue.shape))
            }
        }
        if !grid.isEmpty { grid[grid.count - 1].end = end }
        return (grid, end)
    }

    /// Centiseconds as seconds with two decimals.
    static func seconds(_ centiseconds: Int) -> String {
        String(format: "%d.%02d", centiseconds / 100, centiseconds % 100)
    }
}

/// Minimal JSON text helpers for hand-formatted output.
enum JSONText {
    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let value where value.value < 0x20: result += String(format: "\\u%04x", value.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Escaping for XML text and attribute values.
enum XMLText {
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            // Characters XML 1.0 cannot hold at all are left out.
            case let value where value.value < 0x20 && value != "\t" && value != "\n" && value != "\r": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
