import Foundation
import OratorCore

/// Moves the face's vertices (in face coordinates, y down) for the mouth, eyes and brows.
///
/// Sizes are multiples of the interocular distance `unit`. The mouth opens by dropping the jaw:
/// each lower-face vertex follows the jaw by its own weight, so the lower lip moves most, the
/// chin a little less, and the cheeks and jaw line fade out toward the ears.
enum ExpressionModel {
    /// Inner-lip gap at the centre with the jaw fully open.
    static let maximumOpening = 0.32

    /// Fraction of the jaw's drop that each vertex follows (the rest stay put): the lower lip
    /// most, the chin a little less, the jaw line fading out toward the ears, and the upper lip
    /// lifting slightly to show the upper teeth.
    static let jawWeight: [Int: Double] = {
        var weights: [Int: Double] = [
            3: 0.08, 4: 0.22, 5: 0.42, 6: 0.62, 7: 0.76, 8: 0.8, 9: 0.76, 10: 0.62, 11: 0.42, 12: 0.22, 13: 0.08,
            48: 0.3, 54: 0.3, 55: 0.62, 56: 0.86, 57: 0.9, 58: 0.86, 59: 0.62, 50: -0.03, 51: -0.03, 52: -0.03,
        ]
        for (position, vertex) in FaceRig.lowerLip.enumerated() {
            let across = sin(Double.pi * Double(position) / Double(FaceRig.lowerLip.count - 1))
            weights[vertex] = 0.3 + 0.62 * pow(across, 0.6)
        }
        for (position, vertex) in FaceRig.upperLip.enumerated() where vertex != 60 && vertex != 64 {
            let across = sin(Double.pi * Double(position) / Double(FaceRig.upperLip.count - 1))
            weights[vertex] = 0.3 - 0.38 * pow(across, 0.5)
        }
        return weights
    }()
    /// Jaw weights of the cheek vertices (upper left, lower left, upper right, lower right).
    static let cheekJawWeight: [Double] = [0.04, 0.3, 0.04, 0.3]

    static let upperInner = Array(FaceRig.upperLip.dropFirst().dropLast())
    static let lowerInner = Array(FaceRig.lowerLip.dropFirst().dropLast())
    static let upperOuter = [49, 50, 51, 52, 53], lowerOuter = [55, 56, 57, 58, 59]
    static let corners = [48, 54, 60, 64]

    /// Closes the photo's own mouth: the inner lips meet (the lower lip travelling most, as the
    /// jaw closes) and the chin rises with it. A photo with closed lips is left unchanged.
    static func closeMouth(_ points: inout [Vec2], unit: Double) {
        var centreGap = 0.0
        for (upper, lower) in zip(upperInner, lowerInner) {
            let gap = max(0, points[lower].y - points[upper].y)
            if upper == 62 { centreGap = gap }
            points[upper].y += 0.35 * gap
            points[lower].y -= 0.65 * gap
        }
        guard centreGap > 0 else { return }
        for (index, weight) in jawWeight where !upperInner.contains(index) && !lowerInner.contains(index) {
            points[index].y -= 0.65 * centreGap * max(0, weight) / 0.92
        }
        for index in [50, 51, 52] { points[index].y += 0.35 * centreGap * 0.6 }
    }

    /// Applies the mouth, eye and brow coefficients of `motion`.
    static func apply(_ motion: MotionFrame, to points: inout [Vec2], rig: FaceRig) {
        let unit = rig.frame.unit
        moveMouth(motion, &points, rig: rig, unit: unit)
        moveExpression(motion, &points, rig: rig, unit: unit)
        blink(Double(clamp(motion.blinkLeft)), upperLower: [(37, 41), (38, 40)], creases: Array(rig.creaseRange.prefix(4)), &points)
        blink(Double(clamp(motion.blinkRight)), upperLower: [(43, 47), (44, 46)], creases: Array(rig.creaseRange.suffix(4)), &points)
        moveBrows(Double(max(-1, min(1, motion.browRaise))), blink: Double(clamp(max(motion.blinkLeft, motion.blinkRight))),
                  &points, rig: rig, unit: unit)
    }

    private static func clamp(_ value: Float) -> Float { max(0, min(1, value)) }

    private static func moveMouth(_ motion: MotionFrame, _ points: inout [Vec2], rig: FaceRig, unit: Double) {
        let press = Double(clamp(motion.lipPress))
        let round = Double(clamp(motion.lipRound)), stretch = Double(clamp(motion.lipStretch))
        let teeth = Double(clamp(motion.teethOnLip))
        let drop = Double(clamp(motion.jawOpen)) * (1 - press) * maximumOpening * unit
        let mouthCenter = (points[48] + points[54]) / 2
        let halfWidth = max(1e-6, (points[54].x - points[48].x) / 2)

        // Jaw: the lower lip tucks up under the upper teeth for F and V.
        for (index, weight) in jawWeight {
            let tuck = lowerInner.contains(index) ? 0.6 * teeth : (lowerOuter.contains(index) ? 0.4 * teeth : 0)
            points[index].y += drop * weight * (1 - tuck)
        }
        for (offset, weight) in cheekJawWeight.enumerated() { points[rig.cheekRange.lowerBound + offset].y += drop * weight }
        for index in corners { points[index].x += (mouthCenter.x - points[index].x) * 0.1 * drop / (halfWidth * 2) }

        // Rounding narrows the mouth from the corners and pouts the lips; stretching widens it.
        let cornersBefore = [points[48], points[54]]
        for index in Array(48...67) + FaceRig.tracedLipPoints.map(\.vertex) {
            let side = (points[index].x - mouthCenter.x) / halfWidth
            let reach = min(1, abs(side))
            points[index].x -= (points[index].x - mouthCenter.x) * 0.38 * round * reach
            points[index].x += (side < 0 ? -1 : 1) * 0.09 * unit * stretch * reach * reach
            if corners.contains(index) { points[index].y -= 0.02 * unit * stretch }
        }
        // The lower cheeks follow the mouth corners part of the way.
        for (cheek, corner) in [(rig.cheekRange.lowerBound + 1, 48), (rig.cheekRange.lowerBound + 3, 54)] {
            points[cheek].x += (points[corner].x - cornersBefore[corner == 48 ? 0 : 1].x) * 0.35
        }
        for index in upperOuter { points[index].y += (-0.05 * round + 0.015 * stretch + 0.03 * press) * unit }
        for index in lowerOuter { points[index].y += (0.05 * round - 0.015 * stretch - 0.03 * press) * unit }
        if drop > 0 {
            let roundOpen = 0.03 * unit * round * min(1, drop / (0.1 * unit))
            for index in upperInner.dropFirst(2).dropLast(2) { points[index].y -= roundOpen }
            for index in lowerInner.dropFirst(2).dropLast(2) { points[index].y += roundOpen }
        }
    }

    /// Smile and frown bend the mouth: every lip point moves by the same function of how far
    /// out it sits, so points of the two lips above one another move alike and closed lips stay
    /// closed. The cheeks ride up with a smile and push the lower lids up; widened eyes lift the
    /// upper lids, narrowed ones bring both lids in.
    private static func moveExpression(_ motion: MotionFrame, _ points: inout [Vec2], rig: FaceRig, unit: Double) {
        let smile = Double(clamp(motion.smile)), frown = Double(clamp(motion.mouthFrown))
        let cheek = Double(clamp(motion.cheekRaise)), widen = Double(max(-1, min(1, motion.eyeWiden)))
        guard smile > 0 || frown > 0 || cheek > 0 || widen != 0 else { return }
        let mouthCenter = (points[48] + points[54]) / 2
        let halfWidth = max(1e-6, (points[54].x - points[48].x) / 2)
        let cornersBefore = [points[48], points[54]]
        if smile > 0 || frown > 0 {
            func move(_ indices: [Int], atX x: Double) {
                let side = max(-1.2, min(1.2, (x - mouthCenter.x) / halfWidth))
                let shift = Vec2((side < 0 ? -1 : 1) * (0.055 * smile - 0.015 * frown) * unit * pow(abs(side), 1.5),
                                 (-0.1 * smile + 0.075 * frown) * unit * side * side)
                for index in indices { points[index] += shift }
            }
            // The inner lips move in facing pairs, by the pair's mean position, so a closed
            // seam stays closed; the other lip points each by their own.
            let pairs = zip(upperInner, lowerInner).map { [$0, $1] }
            let paired = Set(pairs.joined())
            let before = points
            for pair in pairs { move(pair, atX: (before[pair[0]].x + before[pair[1]].x) / 2) }
            for index in Array(48...67) + FaceRig.tracedLipPoints.map(\.vertex) where !paired.contains(index) {
                move([index], atX: before[index].x)
            }
        }
        // The lower cheeks follow the corners; the upper cheeks rise with the cheek raise (and a
        // little with any smile).
        let lift = max(cheek, 0.5 * smile)
        for (offset, corner) in [(1, 48), (3, 54)] {
            let before = cornersBefore[corner == 48 ? 0 : 1]
            points[rig.cheekRange.lowerBound + offset] += (points[corner] - before) * 0.5 + Vec2(0, -0.03 * unit * lift)
        }
        for offset in [0, 2] { points[rig.cheekRange.lowerBound + offset].y -= 0.05 * unit * lift }
        let squint = max(0, -widen), wide = max(0, widen)
        for lower in [40, 41, 46, 47] { points[lower].y -= (0.045 * cheek + 0.025 * squint) * unit }
        for upper in [37, 38, 43, 44] { points[upper].y += (0.035 * squint - 0.05 * wide) * unit }
        for crease in rig.creaseRange { points[crease].y += (0.02 * squint - 0.035 * wide) * unit }
    }

    private static func blink(_ amount: Double, upperLower: [(Int, Int)], creases: [Int], _ points: inout [Vec2]) {
        guard amount > 0 else { return }
        for (pair, (upper, lower)) in upperLower.enumerated() {
            let closed = points[lower].mix(points[upper], 0.25)
            // The fold above this lid point comes down further than the lid, squeezing the band
            // of lashes and fold shadow to a thin line, while the skin between brow and fold
            // stretches over the eye (creases run corner, upper, upper, corner).
            let crease = creases[pair + 1]
            let foldClosed = closed - (points[upper] - points[crease]) * 0.35
            let foldTravel = (foldClosed - points[crease]) * amount
            points[crease] += foldTravel
            // The fold above the nearer eye corner follows part of the way, keeping it a smooth curve.
            points[creases[pair == 0 ? 0 : 3]] += foldTravel * 0.35
            points[upper] += (closed - points[upper]) * amount
            points[lower] += (closed - points[lower]) * amount
        }
    }

    private static func moveBrows(_ raise: Double, blink: Double, _ points: inout [Vec2], rig: FaceRig, unit: Double) {
        let reach: [Double] = [0.6, 0.8, 1, 1, 0.9, 0.9, 1, 1, 0.8, 0.6]
        for (offset, index) in (17...26).enumerated() {
            var move = Vec2(0, -0.02 * unit * blink)
            if raise > 0 {
                move.y -= 0.11 * unit * raise * reach[offset]
            } else if raise < 0 {
                let inner = offset >= 3 && offset <= 6
                move.y += 0.07 * unit * -raise * (inner ? 1 : 0.4)
                if inner { move.x += (offset <= 4 ? 1 : -1) * 0.04 * unit * -raise }
            }
            points[index] += move
        }
        guard raise > 0 else { return }
        for (offset, pair) in FaceRig.creasePairs.enumerated() {
            points[rig.creaseRange.lowerBound + offset].y -= 0.11 * unit * raise * 0.35 * reach[pair.brow - 17]
        }
        for index in rig.foreheadRange { points[index].y -= 0.11 * unit * raise * 0.15 }
    }
}
