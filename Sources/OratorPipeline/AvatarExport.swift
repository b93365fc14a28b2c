import Foundation
import OratorCore
import OratorMotion
import OratorRender

/// `orator avatar export`: writes the built-in presenter as an avatar pack, one sprite per mouth
/// shape drawn at that shape's pose, for artists to start from.
public enum AvatarExport {
    public static func export(to folder: URL, size: FrameSize) throws(OratorError) {
        let poses = Dictionary(uniqueKeysWithValues: MouthShape.allCases.map { shape in
            let pose = MouthPose.of(shape)
            return (shape, MotionFrame(mouthShape: shape, jawOpen: pose.jawOpen, lipRound: pose.lipRound, lipStretch: pose.lipStretch,
                                       lipPress: pose.lipPress, teethOnLip: pose.teethOnLip, tongueUp: pose.tongueUp))
        })
        try AvatarPackExporter(style: BuiltinAvatarStyle(), size: size, mouthPoses: poses).export(to: folder)
    }
}
