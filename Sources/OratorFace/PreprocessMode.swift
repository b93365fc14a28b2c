import OratorCore

/// How the photo is framed before animation, with SadTalker's names and meanings.
public enum PreprocessMode: String, Sendable, Codable, CaseIterable {
    /// A square (or output-shaped) crop around the face, from the top of the hair to the chin,
    /// rendered at the output size.
    case crop
    /// A larger crop that also shows the hair, neck and shoulders.
    case extcrop
    /// The whole photo scaled to fit the output size (any leftover bars filled with a blurred
    /// extension of the photo).
    case resize
    /// The whole photo at its own resolution (rounded down to even sides); only the face
    /// region is re-rendered each frame and the warp fades into the untouched photo.
    case full
}

/// Where the canvas comes from: the map from photo pixels to canvas pixels and the canvas size.
struct PhotoFraming: Sendable, Equatable {
    var map: AffineMap
    var size: FrameSize

    /// Face heights (in interocular units) that each crop mode shows along its shorter side.
    static let cropSpan = 5.0
    static let extendedCropSpan = 7.2

    /// Frames `face` of a `photoWidth` x `photoHeight` photo for `mode`; `outputSize` is
    /// ignored by `full`, which keeps the photo's own size.
    init(mode: PreprocessMode, face: FaceLandmarks, photoWidth: Int, photoHeight: Int,
         outputSize: FrameSize, photoName: String) throws(OratorError) {
        let frame = FaceFrame(landmarks: face)
        let canvasCenter = Vec2(Double(outputSize.width - 1) / 2, Double(outputSize.height - 1) / 2)
        let shorterSide = Double(min(outputSize.width, outputSize.height))
        switch mode {
        case .crop, .extcrop:
            let extended = mode == .extcrop
            let span = extended ? Self.extendedCropSpan : Self.cropSpan
            // Centre below the eyes: a little for `crop` (hair to chin), more for `extcrop` (shoulders).
            let center = frame.origin + frame.yAxis * frame.unit * (extended ? 1.3 : 0.1)
            let scale = shorterSide / (span * frame.unit)
            map = .scale(scale, then: canvasCenter - center * scale)
            size = outputSize
        case .resize:
            let photoCenter = Vec2(Double(photoWidth - 1) / 2, Double(photoHeight - 1) / 2)
            let scale = min(Double(outputSize.width) / Double(photoWidth), Double(outputSize.height) / Double(photoHeight))
            map = .scale(scale, then: canvasCenter - photoCenter * scale)
            size = outputSize
        case .full:
            let width = photoWidth - photoWidth % 2, height = photoHeight - photoHeight % 2
            guard (16...8192).contains(width), (16...8192).contains(height) else {
                throw OratorError(.invalidInput, "\(photoName) is \(photoWidth)x\(photoHeight); full mode needs sides of 16-8192 pixels (use --preprocess crop)")
            }
            map = .identity
            size = FrameSize(width: width, height: height)
        }
    }
}
