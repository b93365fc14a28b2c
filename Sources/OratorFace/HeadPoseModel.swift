import Foundation
import OratorCore

/// Turns the head in 3-D: each vertex gets its template depth, is rotated about a pivot near
/// the top of the spine by the frame's yaw, pitch and roll, and is projected back onto the
/// canvas with mild perspective. Vertices with a head weight below 1 (the neck) follow part
/// of the motion; the fixed ring and border (weight 0) stay where they are.
enum HeadPoseModel {
    /// Translation is a fraction of the height a `crop` frame of this face would have, so the
    /// head moves the same amount whatever the framing.
    static let translationSpan = PhotoFraming.cropSpan

    /// Rotates and shifts `points` (face coordinates) in place.
    static func apply(_ motion: MotionFrame, to points: inout [Vec2], rig: FaceRig) {
        let yaw = radians(motion.headYaw), pitch = radians(motion.headPitch), roll = radians(motion.headRoll)
        let shift = Vec2(Double(motion.translateX), Double(motion.translateY)) * translationSpan * rig.frame.unit
        guard yaw != 0 || pitch != 0 || roll != 0 || shift != .zero else { return }
        let unit = rig.frame.unit
        let pivot = SIMD3(0, rig.neutral[33].y, FaceTemplate.pivotDepth * unit)
        let camera = FaceTemplate.cameraDistance * unit
        let rotation = Rotation(yaw: yaw, pitch: pitch, roll: roll)
        // Shift is given in canvas axes; the points are in face axes.
        let localShift = Vec2(shift.dot(rig.frame.xAxis), shift.dot(rig.frame.yAxis))
        for index in points.indices where rig.headWeight[index] > 0 {
            let point = points[index]
            let depth = rig.depth[index] * unit - pivot.z
            // Undo the photo's perspective, rotate, and project again.
            let unprojected = (camera - depth) / camera
            let relative = SIMD3((point.x - pivot.x) * unprojected, (point.y - pivot.y) * unprojected, depth)
            let turned = rotation.apply(relative)
            let projected = camera / (camera - turned.z)
            let moved = Vec2(pivot.x + turned.x * projected, pivot.y + turned.y * projected) + localShift
            points[index] = point + (moved - point) * rig.headWeight[index]
        }
    }

    private static func radians(_ degrees: Float) -> Double { Double(degrees) * .pi / 180 }
}

/// Roll after pitch after yaw, in face axes (x right, y down, z toward the camera).
private struct Rotation {
    let rows: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)

    init(yaw: Double, pitch: Double, roll: Double) {
        // Yaw about y: positive moves the nose toward +x. Pitch about x: positive moves the
        // nose toward +y (chin down). Roll in the picture plane: positive is clockwise on screen.
        let (sy, cy) = (sin(yaw), cos(yaw)), (sp, cp) = (sin(pitch), cos(pitch)), (sr, cr) = (sin(roll), cos(roll))
        let yawRows = (SIMD3(cy, 0, sy), SIMD3(0.0, 1, 0), SIMD3(-sy, 0, cy))
        let pitchRows = (SIMD3(1.0, 0, 0), SIMD3(0, cp, sp), SIMD3(0, -sp, cp))
        let rollRows = (SIMD3(cr, -sr, 0), SIMD3(sr, cr, 0), SIMD3(0.0, 0, 1))
        rows = Self.multiply(rollRows, Self.multiply(pitchRows, yawRows))
    }

    func apply(_ vector: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((rows.0 * vector).sum(), (rows.1 * vector).sum(), (rows.2 * vector).sum())
    }

    private typealias Matrix = (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)

    private static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        let columns = (SIMD3(b.0.x, b.1.x, b.2.x), SIMD3(b.0.y, b.1.y, b.2.y), SIMD3(b.0.z, b.1.z, b.2.z))
        func row(_ r: SIMD3<Double>) -> SIMD3<Double> {
            SIMD3((r * columns.0).sum(), (r * columns.1).sum(), (r * columns.2).sum())
        }
        return (row(a.0), row(a.1), row(a.2))
    }
}
