import Foundation
import OratorCore

/// The presenter's fixed anatomy, in design units with the head facing the viewer.
enum Anatomy {
    /// Centre of the head ellipsoid: yaw and pitch turn about the vertical and horizontal axes
    /// through this point.
    static let headX = 500.0
    static let headY = 430.0
    /// Half-width, half-height and depth of the ellipsoid the face lies on.
    static let radiusX = 175.0
    static let radiusY = 240.0
    static let radiusZ = 170.0
    /// Where the neck meets the head: roll turns about this point.
    static let pivotX = 500.0
    static let pivotY = 640.0
    /// Eye centres (viewer's left, right) and height.
    static let eyeOffset = 64.0
    static let eyeY = 432.0
    static let browY = 377.0
    static let noseY = 502.0
    static let mouthY = 568.0
    static let earOffset = 170.0
    static let earY = 462.0

    /// Adds the neck, from under the jaw down into the collar, to the canvas path.
    static func traceNeck(on canvas: CairoCanvas) {
        canvas.move(438, 560)
        canvas.curve(442, 640, 436, 700, 426, 760)
        canvas.line(574, 760)
        canvas.curve(564, 700, 558, 640, 562, 560)
        canvas.close()
    }
}

/// How the head is turned in one frame, and where each facial feature lands as a result.
///
/// Yaw and pitch rotate points of the face about the head centre according to their depth,
/// so features on the front of the face slide sideways or up and down while the silhouette
/// stays nearly put, and features on the far side are foreshortened. Roll and translation are
/// applied to the whole head as a drawing transform about the neck.
struct HeadPose {
    let yaw: Double
    let pitch: Double
    let roll: Double
    /// Head translation in design units.
    let shiftX: Double
    let shiftY: Double
    private let cosYaw: Double
    private let sinYaw: Double
    private let cosPitch: Double
    private let sinPitch: Double

    /// The pose for `motion` in a frame laid out by `layout`; angles are limited to +-35 degrees.
    init(motion: MotionFrame, layout: PresenterLayout) {
        func radians(_ degrees: Float) -> Double { min(max(Double(degrees), -35), 35) * .pi / 180 }
        yaw = radians(motion.headYaw)
        pitch = radians(motion.headPitch)
        roll = radians(motion.headRoll)
        let frameHeight = Double(layout.size.height)
        shiftX = Double(motion.translateX) * frameHeight / layout.scale
        shiftY = Double(motion.translateY) * frameHeight / layout.scale
        cosYaw = cos(yaw)
        sinYaw = sin(yaw)
        cosPitch = cos(pitch)
        sinPitch = sin(pitch)
    }

    /// Depth of the face surface in front of the head centre at a front-view point.
    static func surfaceDepth(_ x: Double, _ y: Double) -> Double {
        let u = (x - Anatomy.headX) / Anatomy.radiusX
        let v = (y - Anatomy.headY) / Anatomy.radiusY
        return Anatomy.radiusZ * (max(0, 1 - u * u - v * v)).squareRoot()
    }

    /// Where a point at `depth` in front of the head centre appears once the head is turned.
    func project(_ x: Double, _ y: Double, depth: Double) -> (x: Double, y: Double) {
        let u = x - Anatomy.headX
        let v = y - Anatomy.headY
        return (Anatomy.headX + u * cosYaw + depth * sinYaw, Anatomy.headY + v * cosPitch + depth * sinPitch)
    }

    /// Where a point on the face surface (plus `bump` for noses and lips) appears.
    func projectOnFace(_ x: Double, _ y: Double, bump: Double = 0) -> (x: Double, y: Double) {
        project(x, y, depth: Self.surfaceDepth(x, y) + bump)
    }

    /// How much a small flat feature on the face at a front-view point is squeezed
    /// horizontally and vertically by the turn (1 = unchanged).
    func foreshortening(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        // Half the geometric squeeze: full strength makes a nodding mouth look pinched.
        let depth = max(Self.surfaceDepth(x, y), 40)
        let sx = 1 - 0.5 * (1 - (cosYaw - sinYaw * (x - Anatomy.headX) / depth))
        let sy = 1 - 0.5 * (1 - (cosPitch - sinPitch * (y - Anatomy.headY) / depth))
        return (min(max(sx, 0.6), 1.2), min(max(sy, 0.6), 1.2))
    }

    /// Moves `canvas` into head space: translation, then roll about the neck pivot.
    func apply(to canvas: CairoCanvas) {
        canvas.translate(shiftX + Anatomy.pivotX, shiftY + Anatomy.pivotY)
        canvas.rotate(roll)
        canvas.translate(-Anatomy.pivotX, -Anatomy.pivotY)
    }

    /// Moves `canvas` to a feature's centre and squeezes it as the turn does, so the feature
    /// can be drawn in local coordinates around (0, 0).
    func enterFeature(at x: Double, _ y: Double, bump: Double, on canvas: CairoCanvas) {
        let centre = projectOnFace(x, y, bump: bump)
        let squeeze = foreshortening(x, y)
        canvas.translate(centre.x, centre.y)
        canvas.scale(squeeze.x, squeeze.y)
    }
}
