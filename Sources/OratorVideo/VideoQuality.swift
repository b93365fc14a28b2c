import OratorCore

/// Named quality levels, as a podcast tool's users expect them: each picks the libx264 preset
/// and constant rate factor for a frame size. `balanced` (the default) is the fastest setting
/// that `scripts/bench-encoder` measured on Orator's frames at 512x512, 1280x720 and 1920x1080
/// with SSIM >= 0.98 against a `-preset slow -crf 16` reference at no more than 1.2x its size
/// and within 0.001 SSIM of the old default, `veryfast` CRF 20 (BENCHMARKS.md, "#18 encoder
/// settings"): `superfast` CRF 25 at every size. `fast` is `ultrafast` (drafts: files about
/// twice the reference's size, blockier shading); `best` is `medium` at CRF 18.
public enum VideoQuality: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case fast, balanced, best

    public init(parsing text: String) throws(OratorError) {
        guard let quality = VideoQuality(rawValue: text.lowercased()) else {
            throw OratorError(.invalidInput, "invalid quality '\(text)': use fast, balanced or best")
        }
        self = quality
    }

    /// libx264's preset and CRF (one setting fits every size measured).
    public var x264: (preset: String, crf: Int) {
        switch self {
        case .fast: ("ultrafast", 26)
        case .balanced: (Self.defaultPreset, Self.defaultCRF)
        case .best: ("medium", 18)
        }
    }

    /// `balanced`'s settings, the encoder's defaults.
    public static let defaultPreset = "superfast"
    public static let defaultCRF = 25

    public var description: String { rawValue }
}
