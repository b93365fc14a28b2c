import Foundation
import OratorCore

/// Which parts of the head to draw: all of them for video, separate layers for pack export.
struct HeadParts: OptionSet, Sendable {
    let rawValue: Int
    /// The shadow the chin casts on the (still) neck.
    static let neckShadow = HeadParts(rawValue: 1)
    /// Ears, face, nose, hair and brows.
    static let face = HeadParts(rawValue: 2)
    /// Both eyes, with their lids as the motion sets them.
    static let eyes = HeadParts(rawValue: 4)
    /// The mouth.
    static let mouth = HeadParts(rawValue: 8)
    /// Only the closed lids, drawn to cover open eyes (the closed-eyes sprite of a pack).
    static let closedLids = HeadParts(rawValue: 16)
    static let all: HeadParts = [.neckShadow, .face, .eyes, .mouth]
}

/// Draws the head for one frame in design units: everything that moves.
struct HeadPainter {
    let palette: PresenterPalette
    let textures: HeadTextures
    /// The eyes are drawn a little larger than life, as friendly illustrations do.
    static let eyeScale = 1.12

    func paint(_ motion: MotionFrame, pose: HeadPose, parts: HeadParts = .all, on canvas: CairoCanvas) {
        let mouth = MouthGeometry(motion: motion)
        canvas.save()
        if parts.contains(.neckShadow) { paintNeckShadow(pose: pose, mouth: mouth, on: canvas) }
        pose.apply(to: canvas)
        if parts.contains(.face) {
            paintEar(side: -1, pose: pose, on: canvas)
            paintEar(side: 1, pose: pose, on: canvas)
            FaceOutline(pose: pose, chinDrop: mouth.chinDrop).trace(on: canvas)
            paintSkin(pose: pose, cheekRaise: Double(max(0, min(1, max(motion.cheekRaise, 0.5 * motion.smile)))), on: canvas)
            paintNose(pose: pose, on: canvas)
        }
        if parts.contains(.mouth) {
            canvas.isolated {
                pose.enterFeature(at: Anatomy.headX, Anatomy.mouthY, bump: 12, on: canvas)
                MouthPainter(palette: palette, mouth: mouth).paint(on: canvas)
            }
        }
        let eyes = EyePainter(palette: palette, widen: Double(motion.eyeWiden), lowerLift: Double(max(0, min(1, motion.cheekRaise))))
        if !parts.isDisjoint(with: [.eyes, .closedLids]) {
            // The eyes keep looking at the viewer as the head turns.
            let gaze = min(max(-15 * sin(pose.yaw), -5), 5)
            for (side, closure) in [(-1.0, motion.blinkLeft), (1.0, motion.blinkRight)] {
                canvas.isolated {
                    pose.enterFeature(at: Anatomy.headX + side * Anatomy.eyeOffset, Anatomy.eyeY, bump: -6, on: canvas)
                    canvas.scale(side * Self.eyeScale, Self.eyeScale)
                    if parts.contains(.eyes) {
                        eyes.paintEye(on: canvas, closure: Double(closure), gaze: side * gaze)
                    } else {
                        eyes.paintClosedLid(on: canvas)
                    }
                }
            }
        }
        if parts.contains(.face) {
            HairPainter(palette: palette, texture: textures.hair, pose: pose).paint(on: canvas)
            for side in [-1.0, 1.0] {
                canvas.isolated {
                    pose.enterFeature(at: Anatomy.headX + side * 66, Anatomy.browY, bump: 4, on: canvas)
                    canvas.scale(side, 1)
                    eyes.paintBrow(on: canvas, raise: Double(motion.browRaise))
                }
            }
        }
        canvas.restore()
    }

    /// The shadow the chin casts on the neck: the (still) neck filled with a shadow that
    /// follows the chin.
    private func paintNeckShadow(pose: HeadPose, mouth: MouthGeometry, on canvas: CairoCanvas) {
        var chin = (x: 0.0, y: 0.0)
        canvas.isolated {
            pose.apply(to: canvas)
            chin = pose.project(Anatomy.headX, 638 + mouth.chinDrop, depth: 60)
            canvas.userToDevice(&chin)
        }
        canvas.deviceToUser(&chin)
        Anatomy.traceNeck(on: canvas)
        textures.chinShadow.fillCurrentPath(on: canvas, centredAt: chin)
    }

    private func paintEar(side: Double, pose: HeadPose, on canvas: CairoCanvas) {
        let centre = pose.project(Anatomy.headX + side * Anatomy.earOffset, Anatomy.earY, depth: -12)
        canvas.isolated {
            canvas.translate(centre.x, centre.y)
            canvas.scale(side, 1)
            canvas.move(-4, -34)
            canvas.curve(22, -48, 34, -20, 26, 4)
            canvas.curve(20, 24, 14, 40, -2, 38)
            canvas.close()
            canvas.fillKeepingPath(palette.skin)
            canvas.stroke(palette.skinShade, width: 2, alpha: 0.6)
            canvas.move(2, -24)
            canvas.curve(18, -30, 22, -10, 16, 6)
            canvas.curve(12, 18, 10, 24, 2, 26)
            canvas.stroke(palette.skinDeep, width: 4, alpha: 0.35)
        }
    }

    /// Fills the traced face with shaded skin and rosy cheeks, which rise in a smile.
    private func paintSkin(pose: HeadPose, cheekRaise: Double, on canvas: CairoCanvas) {
        textures.skin.fillCurrentPath(on: canvas)
        for side in [-1.0, 1.0] {
            let cheek = pose.projectOnFace(Anatomy.headX + side * (92 + 4 * cheekRaise), 520 - 14 * cheekRaise)
            canvas.ellipse(cheek.x, cheek.y, 48, 34)
            textures.blush.fillCurrentPath(on: canvas, centredAt: cheek)
        }
    }

    private func paintNose(pose: HeadPose, on canvas: CairoCanvas) {
        canvas.isolated {
            pose.enterFeature(at: Anatomy.headX, Anatomy.noseY, bump: 40, on: canvas)
            // Shadow down the far side of the bridge and under the tip.
            canvas.move(9, -70)
            canvas.curve(13, -46, 17, -26, 14, -10)
            canvas.stroke(palette.skinShade, width: 5, alpha: 0.25)
            canvas.ellipse(2, 15, 21, 6)
            canvas.fill(palette.skinShade, alpha: 0.4)
            // Nostril wings and the tip's highlight.
            canvas.move(-13, -5)
            canvas.curve(-22, 0, -20, 11, -8, 11)
            canvas.move(13, -5)
            canvas.curve(22, 0, 20, 11, 8, 11)
            canvas.stroke(palette.skinDeep, width: 2.6, alpha: 0.5)
            canvas.move(-5, 12)
            canvas.curve(-2, 14, 2, 14, 5, 12)
            canvas.stroke(palette.skinDeep, width: 2.2, alpha: 0.35)
            canvas.ellipse(-3, -5, 6, 4)
            canvas.fill(palette.skinLight, alpha: 0.6)
        }
    }
}
