import Foundation

/// The documented limits on what Orator accepts (README, "Limits"). Inputs over them are
/// refused with one error line before any slow work starts.
public enum InputLimits {
    /// Script, transcript and configuration files: 1 MiB of text (about 17 hours of speech).
    public static let textBytes = 1 << 20
    /// Letters in one word of a script: longer "words" (a pasted hash, a run of letters) are refused.
    public static let wordLetters = 100
    /// Pixels in an input image, checked from its header before it is decoded (about 50
    /// megapixels: 8660x5773). `ORATOR_MAX_IMAGE_PIXELS` changes it.
    public static var imagePixels: Int {
        if let text = getenv("ORATOR_MAX_IMAGE_PIXELS").map({ String(cString: $0) }), let value = Int(text), value > 0 { return value }
        return 50_000_000
    }
    /// Bytes in an input image file (200 MiB).
    public static let imageBytes = 200 << 20
    /// Largest side of an output frame (4096, so 4K UHD fits).
    public static let frameSide = 4096
    /// Longest recording `animate` and `lipsync` accept, seconds (4 hours).
    public static let audioSeconds = 4.0 * 3600
}
