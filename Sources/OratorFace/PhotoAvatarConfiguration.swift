import OratorCore

/// How a photo becomes an avatar.
public struct PhotoAvatarConfiguration: Sendable, Codable, Equatable {
    /// Output frame size for `crop`, `extcrop` and `resize`; `full` keeps the photo's size.
    public var size: FrameSize
    /// How the photo is framed.
    public var preprocess: PreprocessMode
    /// Which face to animate when the photo has several.
    public var face: FaceSelection
    /// The dlib 68-point landmark model.
    public var modelPath: String

    /// - Parameters:
    ///   - size: output frame size (default 512x512).
    ///   - preprocess: framing (default `crop`).
    ///   - face: the face to animate (default the largest).
    ///   - modelPath: the landmark model (default Debian's `libdlib-data` copy).
    public init(size: FrameSize = FrameSize(square: 512), preprocess: PreprocessMode = .crop,
                face: FaceSelection = .largest, modelPath: String = FaceAnalyzer.defaultModelPath) {
        self.size = size
        self.preprocess = preprocess
        self.face = face
        self.modelPath = modelPath
    }
}
