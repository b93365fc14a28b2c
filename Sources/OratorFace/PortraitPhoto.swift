import Foundation
import OratorCore

/// A portrait decoded once: its face is found on it (`FaceAnalyzer.face(in:selection:)`) and
/// its renderer is built from the same pixels (`PhotoAvatarRenderer(photo:face:configuration:)`),
/// so a caller can free the landmark model between the two steps without decoding the photo twice.
public struct PortraitPhoto: Sendable {
    let image: ShimImage
    /// The file's name, for messages.
    public let name: String

    /// Decodes the image at `url`; throws `fileNotFound`, `decodeFailed` or `invalidInput` (over the size limit).
    public init(contentsOf url: URL) throws(OratorError) {
        image = try ShimImage.read(url)
        name = url.lastPathComponent
    }
}
