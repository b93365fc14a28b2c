import Foundation
import OratorCore

/// `animate --expressions FILE.json`: the expressions of a recording, in D-ID's
/// `driver_expressions` form or in seconds.
///
/// Accepted, at the top level either the list or an object holding it:
/// - `[{"start_frame": 0, "expression": "happy", "intensity": 0.6}, ...]` (frames of the output
///   video, D-ID's form; `{"expressions": [...], "transition_frames": 10}` too);
/// - `[{"start": 1.5, "expression": "smile", "intensity": 0.6}, ...]` (seconds);
/// with `intensity` optional (1). Expressions are `FacialExpression`'s names. Errors name the
/// file and the entry.
public enum ExpressionFile {
    /// Largest expressions file, bytes.
    public static let byteLimit = 1 << 20
    /// Most entries.
    public static let entryLimit = 10_000

    public static func read(_ url: URL, fps: Double) throws(OratorError) -> [TimedExpression] {
        let data = try InputFile.read(url, role: "expressions file", limit: byteLimit)
        return try parse(data, fps: fps, source: url.path)
    }

    public static func parse(_ data: Data, fps: Double, source: String) throws(OratorError) -> [TimedExpression] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error.localizedDescription)"
            throw OratorError(.invalidInput, "\(source): not valid JSON (\(reason.replacingOccurrences(of: "\n", with: " ")))")
        }
        var transition: Double?
        let list: [Any]
        if let array = root as? [Any] {
            list = array
        } else if let object = root as? [String: Any], let array = object["expressions"] as? [Any] {
            let unknown = Set(object.keys).subtracting(["expressions", "transition_frames"])
            guard unknown.isEmpty else {
                throw OratorError(.invalidInput, "\(source): unknown key '\(unknown.sorted()[0])' (use expressions and transition_frames)")
            }
            if let frames = object["transition_frames"] {
                guard let count = (frames as? NSNumber)?.doubleValue, count.isFinite, (0...250).contains(count) else {
                    throw OratorError(.invalidInput, "\(source): transition_frames must be a number of frames from 0 to 250")
                }
                transition = count / fps
            }
            list = array
        } else {
            throw OratorError(.invalidInput, "\(source): expected a list of expressions, e.g. [{\"start_frame\": 0, \"expression\": \"happy\", \"intensity\": 0.6}]")
        }
        guard list.count <= entryLimit else {
            throw OratorError(.invalidInput, "\(source): \(list.count) expressions (the limit is \(entryLimit))")
        }
        var result: [TimedExpression] = []
        for (index, item) in list.enumerated() {
            let location = "\(source): expression \(index + 1)"
            guard let entry = item as? [String: Any] else { throw OratorError(.invalidInput, "\(location) is not an object") }
            let unknown = Set(entry.keys).subtracting(["start_frame", "start", "expression", "intensity"])
            guard unknown.isEmpty else {
                throw OratorError(.invalidInput, "\(location): unknown key '\(unknown.sorted()[0])' (use start_frame or start, expression, intensity)")
            }
            guard let name = entry["expression"] as? String else {
                throw OratorError(.invalidInput, "\(location): needs \"expression\" (one of \(FacialExpression.names))")
            }
            guard let expression = FacialExpression(rawValue: name.lowercased()) else {
                throw OratorError(.invalidInput, "\(location): unknown expression '\(name)' (use \(FacialExpression.names))")
            }
            let start: Double
            switch (entry["start_frame"], entry["start"]) {
            case (nil, nil): throw OratorError(.invalidInput, "\(location): needs \"start_frame\" (frames) or \"start\" (seconds)")
            case (_?, _?): throw OratorError(.invalidInput, "\(location): give \"start_frame\" or \"start\", not both")
            case let (frame?, nil):
                guard let frame = number(frame), frame >= 0, frame == frame.rounded() else {
                    throw OratorError(.invalidInput, "\(location): the start must be a whole frame number, 0 or more")
                }
                start = frame / fps
            case let (nil, seconds?):
                guard let seconds = number(seconds), seconds >= 0 else {
                    throw OratorError(.invalidInput, "\(location): the start must be a number of seconds, 0 or more")
                }
                start = seconds
            }
            var intensity: Float = 1
            if entry["intensity"] != nil {
                guard let value = number(entry["intensity"]), (0...1).contains(value) else {
                    throw OratorError(.invalidInput, "\(location): intensity must be a number from 0 to 1")
                }
                intensity = Float(value)
            }
            result.append(TimedExpression(start: start, expression: expression, intensity: intensity, transition: transition))
        }
        return result.sorted { $0.start < $1.start }
    }

    private static func number(_ value: Any?) -> Double? {
        // JSON's true and false arrive as NSNumbers too, of Objective-C type "c".
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }
}
