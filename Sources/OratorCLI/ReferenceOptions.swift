import ArgumentParser
import Foundation
import OratorPipeline

/// `--ref-pose VIDEO` and `--ref-eyeblink VIDEO` (SadTalker's names): the head and the blinks
/// follow a face tracked in a video.
struct ReferenceOptions: ParsableArguments {
    @Option(help: "A video of a face whose head turns, nods and tilts the avatar copies (looped or trimmed to the speech).")
    var refPose: String?

    @Option(help: "A video of a face whose blinks the avatar copies (may be the --ref-pose video).")
    var refEyeblink: String?

    /// Puts the videos into `request`.
    func apply(to request: inout CreateRequest) {
        request.referencePose = refPose.map(fileURL)
        request.referenceBlinks = refEyeblink.map(fileURL)
    }
}
