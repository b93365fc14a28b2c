/// The generic face shape Orator fits to a photo's landmarks to turn the head in 3-D.
///
/// Depths are in interocular units (the distance between the eye centres, about 63 mm on an
/// adult), positive toward the camera, 0 at the corneal plane. They are rounded from adult
/// facial anthropometry: the nose tip projects about 35-40 mm in front of the cornea, the lips
/// 15-20 mm, the chin about 10 mm; the outer eye corners sit about 10 mm behind the cornea and
/// the cheek silhouette near the ears 50-60 mm behind it. The photo's own landmark positions
/// supply x and y; the template supplies only depth, scaled by the face's interocular distance.
enum FaceTemplate {
    /// Depth of each of the 68 landmarks.
    static let landmarkDepth: [Double] = [
        // 0-16: jaw line from the viewer's left temple round the chin to the right temple.
        -0.80, -0.75, -0.68, -0.58, -0.45, -0.30, -0.13, 0.02, 0.10,
        0.02, -0.13, -0.30, -0.45, -0.58, -0.68, -0.75, -0.80,
        // 17-26: brows, outer to inner, then inner to outer (the brow ridge is ahead of the eyes).
        -0.30, -0.12, 0.00, 0.10, 0.15, 0.15, 0.10, 0.00, -0.12, -0.30,
        // 27-30: nose bridge from the nasion to the tip.
        0.20, 0.30, 0.42, 0.58,
        // 31-35: base of the nose, alar wings and subnasale.
        0.20, 0.28, 0.33, 0.28, 0.20,
        // 36-41 and 42-47: eyes (corners behind the lids).
        -0.15, 0.00, 0.00, -0.05, -0.02, -0.02,
        -0.05, 0.00, 0.00, -0.15, -0.02, -0.02,
        // 48-59: outer lip line, left corner clockwise.
        0.08, 0.22, 0.30, 0.33, 0.30, 0.22, 0.08, 0.20, 0.26, 0.28, 0.26, 0.20,
        // 60-67: inner lip line.
        0.08, 0.27, 0.30, 0.27, 0.08, 0.24, 0.27, 0.24,
    ]

    /// Depth of the forehead above the brows, from the viewer's left to right.
    static let foreheadDepth: [Double] = [-0.35, -0.05, 0.12, -0.05, -0.35]

    /// Depth of hair and neck silhouette points (beside and behind the face).
    static let silhouetteDepth = -1.0

    /// The head turns about a point this far behind the cornea (near the top of the spine),
    /// at the height of the base of the nose.
    static let pivotDepth = -1.3

    /// Camera distance from the pivot in interocular units (about 75 cm), for mild perspective.
    static let cameraDistance = 12.0
}

/// The face's own axes in the canvas: origin between the eyes, x along the eye line, y down
/// the face, lengths in canvas pixels.
struct FaceFrame: Sendable, Equatable {
    var origin: Vec2
    var xAxis: Vec2
    var yAxis: Vec2
    /// Interocular distance in canvas pixels; expression sizes are multiples of it.
    var unit: Double

    init(landmarks: FaceLandmarks) {
        let left = landmarks.eyeCenter(.left), right = landmarks.eyeCenter(.right)
        origin = (left + right) / 2
        let across = right - left
        let length = max(across.length, 1e-6)
        xAxis = across / length
        yAxis = Vec2(-xAxis.y, xAxis.x)
        let eyeToChin = (landmarks.points[8] - origin).length
        unit = max(length, eyeToChin / 1.95)
    }

    /// Canvas point to face coordinates.
    func local(_ point: Vec2) -> Vec2 {
        let offset = point - origin
        return Vec2(offset.dot(xAxis), offset.dot(yAxis))
    }

    /// Face coordinates to canvas point.
    func canvas(_ point: Vec2) -> Vec2 { origin + xAxis * point.x + yAxis * point.y }
}
