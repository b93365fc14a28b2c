import Foundation
import OratorCore

/// Tracks a face through a video for `--ref-pose` and `--ref-eyeblink`: FFmpeg decodes it at the
/// output frame rate, scaled so its longer side is at most `maxSide`, one frame at a time
/// (memory stays flat); dlib finds the face every `redetectEvery` frames and follows it between
/// (landmarks predicted in the last box, moved with the face); the head's yaw, pitch and roll come
/// from the nose tip's offset against the eyes, using the depth of `FaceTemplate` (the same 3-D
/// template that turns photos), and the eye closure from each eye's aspect ratio against its
/// open value in this video.
public struct ReferenceVideoTracker: Sendable {
    /// Longest side of the frames searched for the face, pixels.
    public static let maxSide = 400
    /// Frames between two full detections; between them the landmarks are predicted in the box
    /// of the last detection, moved with the face.
    public static let redetectEvery = 10
    /// Longest reference video read, seconds (a longer one is trimmed to the speech anyway).
    public static let secondsLimit = InputLimits.audioSeconds

    private let analyzer: FaceAnalyzer

    public init(analyzer: FaceAnalyzer) {
        self.analyzer = analyzer
    }

    /// The motion of the largest face in `video`, at `fps`, for at most `duration` seconds.
    /// Fails naming the file when it has no video or fewer than half its frames show a face.
    public func track(_ video: URL, fps: Double, duration: Double) throws(OratorError) -> ReferenceMotion {
        let size = try Self.check(video)
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        let seconds = min(duration, Self.secondsLimit)
        let process = try ChildProcess(ffmpeg, [
            "-nostdin", "-v", "error", "-t", String(format: "%.3f", seconds), "-i", video.path, "-an",
            "-vf", "fps=\(fps),scale=\(size.width):\(size.height)", "-f", "rawvideo", "-pix_fmt", "bgra", "pipe:1",
        ], errorCode: .decodeFailed, what: "decoding the reference video \(video.lastPathComponent)")
        var raw: [RawPose?] = []
        var frame = FrameBuffer(size: size)
        var follow = FaceFollower()
        while true {
            let data = try process.read(upToCount: size.bgraByteCount)
            guard data.count == size.bgraByteCount else { break }
            frame.pixels = [UInt8](data)
            let face: FaceLandmarks?
            if let box = follow.box, raw.count % Self.redetectEvery != 0 {
                face = try analyzer.landmarks(in: frame, near: box)
            } else {
                face = try analyzer.faces(in: frame).max { $0.box.width < $1.box.width }
            }
            follow.update(face)
            raw.append(follow.box == nil ? nil : face.map(RawPose.init))
        }
        try process.wait()
        let tracked = raw.compactMap { $0 }
        guard !raw.isEmpty else {
            throw OratorError(.decodeFailed, "reference video \(video.path) has no video frames")
        }
        guard tracked.count * 2 >= raw.count else {
            throw OratorError(.noFaceFound, "no trackable face in the reference video \(video.path) (a face was found in \(tracked.count) of \(raw.count) frames; use a video of one face, looking at the camera)")
        }
        return ReferenceMotion(fps: fps, frames: Self.frames(from: raw), trackedFrames: tracked.count)
    }

    /// Checks, before any slow work, that `video` is a regular file with a video stream FFmpeg
    /// reads within the size limit; returns the size its frames are decoded at.
    @discardableResult
    public static func check(_ video: URL) throws(OratorError) -> FrameSize {
        try InputFile.requireRegular(video, role: "reference video")
        return try frameSize(of: video)
    }

    /// The decoded frame size: the video's, scaled down to `maxSide`, even.
    static func frameSize(of video: URL) throws(OratorError) -> FrameSize {
        let ffprobe = try ExternalTool.locate("ffprobe")
        let text = String(decoding: try ChildProcess.run(ffprobe, [
            "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", video.path,
        ], errorCode: .decodeFailed, what: "reading the reference video \(video.lastPathComponent)"), as: UTF8.self)
        let numbers = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        guard numbers.count == 2, numbers[0] > 0, numbers[1] > 0 else {
            throw OratorError(.decodeFailed, "reference video \(video.path) has no video stream FFmpeg can read")
        }
        guard numbers[0] <= InputLimits.frameSide * 4, numbers[1] <= InputLimits.frameSide * 4 else {
            throw OratorError(.invalidInput, "reference video \(video.path) is \(numbers[0])x\(numbers[1]), over the limit of \(InputLimits.frameSide * 4) pixels a side")
        }
        let scale = min(1, Double(maxSide) / Double(max(numbers[0], numbers[1])))
        func even(_ value: Int) -> Int { max(2, Int((Double(value) * scale / 2).rounded()) * 2) }
        return FrameSize(width: even(numbers[0]), height: even(numbers[1]))
    }

    /// The box landmarks are predicted in between detections: the last detection's, moved by how
    /// far the landmarks' centre has moved since; dropped (so the next frame detects again) when
    /// the landmarks no longer look like a face in it.
    struct FaceFollower {
        private(set) var box: FaceBox?
        private var centre = SIMD2<Double>.zero

        mutating func update(_ face: FaceLandmarks?) {
            guard let face else { box = nil; return }
            let middle = face.points.reduce(SIMD2<Double>.zero, +) / Double(face.points.count)
            if var moved = box, moved == face.box {
                // Predicted in the followed box: move it with the landmarks.
                let shift = middle - centre
                moved.left += shift.x; moved.right += shift.x
                moved.top += shift.y; moved.bottom += shift.y
                box = moved
            } else {
                box = face.box  // a fresh detection
            }
            centre = middle
            let ratio = face.interocularDistance / max(1, face.box.width)
            if !(0.2...0.6).contains(ratio) { box = nil }
        }
    }

    /// One face's measures before smoothing.
    struct RawPose {
        var noseX: Double, noseY: Double, roll: Double, eyeLeft: Double, eyeRight: Double

        init(_ face: FaceLandmarks) {
            let frame = FaceFrame(landmarks: face)
            let nose = frame.local(face.points[30]) / frame.unit
            noseX = nose.x
            noseY = nose.y
            let line = face.eyeCenter(.right) - face.eyeCenter(.left)
            roll = atan2(line.y, line.x) * 180 / .pi
            eyeLeft = face.eyeAspectRatio(.left)
            eyeRight = face.eyeAspectRatio(.right)
        }
    }

    /// The nose tip's depth in front of the eye centres, interocular units.
    static let noseDepth = FaceTemplate.landmarkDepth[30] - (36..<48).map { FaceTemplate.landmarkDepth[$0] }.reduce(0, +) / 12

    /// Gaps filled from the nearest tracked frames; pose relative to the median and smoothed
    /// over three frames (landmark jitter); closure against each eye's open value, unsmoothed
    /// (blinks are two or three frames long).
    static func frames(from raw: [RawPose?]) -> [ReferenceMotion.Frame] {
        // The next tracked pose after each frame, found in one backward pass.
        var nextTracked = [RawPose?](repeating: nil, count: raw.count)
        var upcoming: RawPose?
        for index in raw.indices.reversed() {
            nextTracked[index] = upcoming
            if let pose = raw[index] { upcoming = pose }
        }
        var filled: [RawPose] = []
        var last = raw.first { $0 != nil }!!
        for (index, pose) in raw.enumerated() {
            if let pose { last = pose; filled.append(pose); continue }
            let next = nextTracked[index] ?? last
            var mixed = last
            mixed.noseX = (last.noseX + next.noseX) / 2
            mixed.noseY = (last.noseY + next.noseY) / 2
            mixed.roll = (last.roll + next.roll) / 2
            filled.append(mixed)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func percentile(_ values: [Double], _ p: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
        }
        let centre = (x: median(filled.map(\.noseX)), y: median(filled.map(\.noseY)), roll: median(filled.map(\.roll)))
        let open = (left: percentile(filled.map(\.eyeLeft), 0.9), right: percentile(filled.map(\.eyeRight), 0.9))
        func angle(_ offset: Double) -> Double { asin(max(-0.9, min(0.9, offset / noseDepth))) * 180 / .pi }
        func closure(_ ratio: Double, _ open: Double) -> Float {
            guard open > 0 else { return 0 }
            return Float(max(0, min(1, (open - ratio) / (0.65 * open))))
        }
        let poses = filled.map { (yaw: angle($0.noseX - centre.x), pitch: angle($0.noseY - centre.y), roll: $0.roll - centre.roll) }
        return filled.indices.map { index in
            let window = max(0, index - 1)...min(filled.count - 1, index + 1)
            func smooth(_ value: (Int) -> Double) -> Float { Float(window.map(value).reduce(0, +) / Double(window.count)) }
            return ReferenceMotion.Frame(yaw: smooth { poses[$0].yaw }, pitch: smooth { poses[$0].pitch },
                                         roll: smooth { poses[$0].roll },
                                         blinkLeft: closure(filled[index].eyeLeft, open.left),
                                         blinkRight: closure(filled[index].eyeRight, open.right))
        }
    }
}
