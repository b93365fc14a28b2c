import Foundation
import OratorCore

/// The motion stage's per-frame coefficients as a compact binary file (`motion.bin`), so that
/// each render chunk reads only its own frames instead of decoding the whole track.
///
/// Layout, little-endian: "ORMT", UInt32 version (2), Float64 fps, UInt32 frame count, then per
/// frame one byte of mouth shape (index in `MouthShape.allCases`) and 18 Float32 coefficients
/// in `MotionFrame`'s declaration order. Version 1 files (14 coefficients, no expressions) read
/// as neutral.
public enum MotionTrackFile {
    static let magic = Array("ORMT".utf8)
    static let headerBytes = 4 + 4 + 8 + 4
    /// The version written; `coefficientCount` holds every version read.
    static let version = 2
    static let coefficientCount = [1: 14, 2: 18]
    static func frameBytes(version: Int) -> Int { 1 + (coefficientCount[version] ?? 18) * 4 }

    /// Writes `track` to `url`.
    public static func write(_ track: MotionTrack, to url: URL) throws(OratorError) {
        var bytes = magic
        bytes.reserveCapacity(headerBytes + track.frames.count * frameBytes(version: version))
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes += $0 } }
        append(UInt32(version).littleEndian)
        append(track.fps.bitPattern.littleEndian)
        append(UInt32(track.frames.count).littleEndian)
        let shapes = MouthShape.allCases
        for frame in track.frames {
            bytes.append(UInt8(shapes.firstIndex(of: frame.mouthShape) ?? 0))
            for value in coefficients(of: frame) { append(value.bitPattern.littleEndian) }
        }
        do { try Data(bytes).write(to: url, options: .atomic) } catch {
            throw OratorError(.unwritableOutput, "cannot write \(url.path)", cause: "\(error)")
        }
    }

    /// The frame rate and frame count, from the header alone.
    public static func header(_ url: URL) throws(OratorError) -> (fps: Double, count: Int) {
        let (fps, count, _) = try fullHeader(url)
        return (fps, count)
    }

    private static func fullHeader(_ url: URL) throws(OratorError) -> (fps: Double, count: Int, version: Int) {
        let bytes = try read(url, offset: 0, count: headerBytes)
        guard bytes.count == headerBytes, Array(bytes[0..<4]) == magic else {
            throw OratorError(.invalidInput, "\(url.path) is not a motion file (motion.bin)")
        }
        let version = Int(UInt32(littleEndian: load(bytes, at: 4)))
        guard coefficientCount[version] != nil else {
            throw OratorError(.invalidInput, "\(url.path) is a motion file of version \(version), which this Orator cannot read (it reads 1 and 2)")
        }
        let fps = Double(bitPattern: UInt64(littleEndian: load(bytes, at: 8)))
        let count = Int(UInt32(littleEndian: load(bytes, at: 16)))
        return (fps, count, version)
    }

    /// Frames `range` (all frames when nil).
    public static func read(_ url: URL, frames range: Range<Int>? = nil) throws(OratorError) -> MotionTrack {
        let (fps, count, version) = try fullHeader(url)
        let frameBytes = frameBytes(version: version), values = coefficientCount[version] ?? 18
        let wanted = range.map { $0.clamped(to: 0..<count) } ?? 0..<count
        let bytes = try read(url, offset: headerBytes + wanted.lowerBound * frameBytes, count: wanted.count * frameBytes)
        guard bytes.count == wanted.count * frameBytes else {
            throw OratorError(.invalidInput, "\(url.path) is truncated")
        }
        let shapes = MouthShape.allCases
        let frames = (0..<wanted.count).map { index -> MotionFrame in
            let base = index * frameBytes
            let read = (0..<values).map { Float(bitPattern: UInt32(littleEndian: load(bytes, at: base + 1 + $0 * 4))) }
            return frame(shape: shapes[min(Int(bytes[base]), shapes.count - 1)], values == 14 ? Array(read[0..<9]) + [0, 0, 0, 0] + read[9...] : read)
        }
        return MotionTrack(fps: fps, frames: frames)
    }

    private static func coefficients(of f: MotionFrame) -> [Float] {
        [f.jawOpen, f.lipRound, f.lipStretch, f.lipPress, f.teethOnLip, f.tongueUp, f.blinkLeft, f.blinkRight,
         f.browRaise, f.smile, f.mouthFrown, f.eyeWiden, f.cheekRaise, f.headYaw, f.headPitch, f.headRoll, f.translateX, f.translateY]
    }

    private static func frame(shape: MouthShape, _ v: [Float]) -> MotionFrame {
        MotionFrame(mouthShape: shape, jawOpen: v[0], lipRound: v[1], lipStretch: v[2], lipPress: v[3], teethOnLip: v[4],
                    tongueUp: v[5], blinkLeft: v[6], blinkRight: v[7], browRaise: v[8], smile: v[9], mouthFrown: v[10],
                    eyeWiden: v[11], cheekRaise: v[12], headYaw: v[13], headPitch: v[14], headRoll: v[15],
                    translateX: v[16], translateY: v[17])
    }

    private static func load<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int) -> T {
        bytes[offset..<offset + MemoryLayout<T>.size].reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }

    private static func read(_ url: URL, offset: Int, count: Int) throws(OratorError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw OratorError(.fileNotFound, "stage input not found: \(url.path)")
        }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(offset))
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw OratorError(.unreadableFile, "cannot read \(url.path)", cause: "\(error)")
        }
    }
}
