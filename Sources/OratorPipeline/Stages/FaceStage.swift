import Foundation
import OratorCore
import OratorFace

/// Stage `face`: a portrait photo -> `face.json`, its face detection and 68 landmarks, once per
/// portrait. Every render of that photo can then take the landmarks from the file instead of
/// detecting them again (loading the 100 MB landmark model and searching the photo).
///
/// The analysis does not depend on the framing (`--preprocess`) or the frame size: the
/// renderer frames the photo around these landmarks, so one analysis serves every framing.
public struct FaceStage: Sendable {
    public static let name = "face"
    /// Bump when the detection or the file's meaning changes.
    public static let version = 1
    /// The analysis file in the stage's folder.
    public static let file = "face.json"

    /// Which face, 0-based left to right; nil for the largest (`--face`).
    public var faceIndex: Int?

    public init(faceIndex: Int? = nil) {
        self.faceIndex = faceIndex
    }

    /// What `face.json` holds.
    public struct Analysis: Sendable, Codable, Equatable {
        /// `FaceStage.version` of the stage that wrote it.
        public var version: Int
        /// SHA-256 of the photo file, so that a render of another photo refuses it.
        public var photoSHA256: String
        /// The photo's size in pixels (after its EXIF orientation).
        public var width: Int
        public var height: Int
        /// The face asked for (`--face`), nil for the largest.
        public var faceIndex: Int?
        /// The chosen face: its detection box and 68 landmarks in photo pixels.
        public var face: FaceLandmarks
    }

    /// Detects the face of `photo` and writes `face.json` into `folder`.
    public func run(photo: URL, into folder: URL) throws(OratorError) {
        let digest = try Digest.ofFile(photo)
        // One decode gives the upright size and the faces.
        let survey = try SharedFaceAnalyzer.get().survey(imageAt: photo)
        let face = try FaceAnalyzer.select(faceIndex.map(FaceSelection.index) ?? .largest, from: survey.faces, named: photo.lastPathComponent)
        let analysis = Analysis(version: Self.version, photoSHA256: digest, width: survey.width, height: survey.height,
                                faceIndex: faceIndex, face: face)
        try StageFiles.writeJSON(analysis, to: folder.appendingPathComponent(Self.file), pretty: true)
    }

    /// The analysis in `folder` (a folder from `orator stage face`, or its `face.json`).
    public static func read(_ folder: URL) throws(OratorError) -> Analysis {
        let url = folder.pathExtension == "json" ? folder : folder.appendingPathComponent(file)
        let analysis = try StageFiles.readJSON(Analysis.self, from: url)
        guard analysis.version == version else {
            throw OratorError(.invalidInput, "\(url.path) was written by version \(analysis.version) of `orator stage face`, this is version \(version): run it again")
        }
        guard analysis.face.points.count == 68 else {
            throw OratorError(.invalidInput, "\(url.path) is not a valid \(file) file", cause: "\(analysis.face.points.count) landmarks, not 68")
        }
        return analysis
    }
}

extension FaceStage {
    /// The analyses in `folders`. An episode's render uses each for the photos it matches and
    /// detects the others' faces; one that matches none is not an error (the frames are the
    /// same either way), so a workflow can pass the default avatar's analysis to every call.
    static func analyses(_ folders: [URL]) throws(OratorError) -> [Analysis] {
        var found: [Analysis] = []
        for folder in folders { found.append(try read(folder)) }
        return found
    }
}

extension FaceStage.Analysis {
    /// Whether this is the analysis of `avatar`: a photo with the same content and face choice.
    func matches(_ avatar: AvatarSource) throws(OratorError) -> Bool {
        guard case let .photo(url, options) = avatar, options.faceIndex == faceIndex else { return false }
        return try Digest.ofFile(url) == photoSHA256
    }

    /// The landmarks for rendering `avatar`, or an error saying why this analysis is not its.
    func landmarks(for avatar: AvatarSource, from folder: URL) throws(OratorError) -> FaceLandmarks {
        guard case let .photo(url, options) = avatar else {
            throw OratorError(.invalidInput, "--face-analysis is for a photo avatar, not the \(avatar)")
        }
        guard try Digest.ofFile(url) == photoSHA256 else {
            throw OratorError(.invalidInput, "face analysis \(folder.path) is of another photo than \(url.lastPathComponent): run `orator stage face --in \(url.path)` again")
        }
        guard options.faceIndex == faceIndex else {
            let asked = options.faceIndex.map { "--face \($0)" } ?? "the largest face"
            let made = faceIndex.map { "--face \($0)" } ?? "the largest face"
            throw OratorError(.invalidInput, "face analysis \(folder.path) was made for \(made), this render asks for \(asked): run `orator stage face` with the same --face")
        }
        return face
    }
}

extension StandaloneStage {
    /// `face`: PHOTO -> OUT/face.json, the face and its landmarks, for `render --face-analysis`.
    public static func face(photo: AvatarSource, out: URL) throws(OratorError) {
        guard case let .photo(url, options) = photo else {
            throw OratorError(.invalidInput, "`orator stage face` analyzes a photo, not the \(photo)")
        }
        try produce(into: out, inputs: [url]) { folder throws(OratorError) in
            try FaceStage(faceIndex: options.faceIndex).run(photo: url, into: folder)
        }
    }
}

extension Engines {
    /// `standard`, except that photos with an analysis among `analyses` (same content, same
    /// face choice) take their landmarks from it instead of detecting them again.
    static func standard(faceAnalyses analyses: [FaceStage.Analysis]) -> Engines {
        Engines(synthesizer: Engines.standard.synthesizer, renderer: { avatar, size throws(OratorError) in
            for analysis in analyses {
                if try analysis.matches(avatar) { return try AvatarFactory.renderer(for: avatar, size: size, face: analysis.face) }
            }
            return try AvatarFactory.renderer(for: avatar, size: size)
        })
    }
}
