import Foundation
import OratorCore
import OratorFace
import OratorMotion
import OratorVideo

extension ResolvedSettings {
    /// The settings in `orator.yaml`'s own keys, as `orator config` prints them: every value a
    /// job will use, whichever layer it came from.
    public func yaml(presets: [String: OratorConfiguration.Preset]) -> String {
        var lines = [
            "voice: \(quoted(voice.name))",
            "rate: \(rate)",
            "pitch: \(pitch)",
            "speech-threads: \(speechThreads)",
        ]
        switch avatar {
        case .builtin: lines.append("avatar: builtin")
        case let .pack(url): lines.append("avatar: \(quoted(url.path))")
        case let .photo(url, options):
            lines.append("avatar: \(quoted(url.path))")
            lines.append("preprocess: \(options.preprocess.rawValue)")
            if let face = options.faceIndex { lines.append("face: \(face)") }
        }
        lines += [
            "size: \(quoted(sizeName))" + (sizeName == size.description ? "" : "   # \(size)"),
            "fps: \(SettingsResolver.number(motion.fps))",
            "seed: \(motion.seed)",
            "still: \(motion.still)",
            "expression-scale: \(SettingsResolver.number(Double(motion.expressionScale)))",
            "head-motion: \(SettingsResolver.number(Double(motion.still ? 0 : motion.headMotionScale)))",
            "pose-style: \(motion.poseStyle.rawValue)",
            "jobs: \(jobs)",
            "encoder: \(encoder.rawValue)",
            "quality: \(quality.rawValue)   # libx264 \(quality.x264.preset) crf \(quality.x264.crf)",
            cache.map { "cache: \(quoted($0.path))" } ?? "# cache: off (--no-cache)",
        ]
        if !speakers.isEmpty {
            lines.append("speakers:")
            for (name, speaker) in speakers.sorted(by: { $0.key < $1.key }) {
                let fields = [("voice", speaker.voice), ("avatar", speaker.avatar), ("rate", speaker.rate.map(String.init)),
                              ("pitch", speaker.pitch.map(String.init))].compactMap { key, value in value.map { "\(key): \(quoted($0))" } }
                lines.append("  \(quoted(name)): { \(fields.joined(separator: ", ")) }")
            }
        }
        lines.append("presets:")
        for (name, preset) in presets.sorted(by: { $0.key < $1.key }) {
            let fps = preset.fps.map { ", fps: \(SettingsResolver.number($0))" } ?? ""
            lines.append("  \(quoted(name)): { size: \(quoted(preset.size))\(fps) }")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML scalar: plain when safe, double-quoted otherwise.
    private func quoted(_ text: String) -> String {
        let plain = text.range(of: #"^[A-Za-z0-9_./+-][A-Za-z0-9_./+ -]*$"#, options: .regularExpression) != nil
            && !["true", "false", "null", "yes", "no", "on", "off"].contains(text.lowercased())
            && Double(text) == nil
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
