import OratorCore

/// Drives a motion track's head and blinks from a reference video's tracked motion
/// (`--ref-pose`, `--ref-eyeblink`) instead of the synthesized ones; the mouth and the
/// expressions stay as synthesized.
public enum ReferenceDriving {
    /// Replaces the head angles (scaled by `headMotionScale`, the `--head-motion` amount) with
    /// `pose`'s, and the blinks with `blinks`'s.
    public static func apply(pose: ReferenceMotion?, blinks: ReferenceMotion?, headMotionScale: Float, to track: inout MotionTrack) {
        for index in track.frames.indices {
            if let pose {
                let reference = pose.frame(at: index)
                track.frames[index].headYaw = reference.yaw * headMotionScale
                track.frames[index].headPitch = reference.pitch * headMotionScale
                track.frames[index].headRoll = reference.roll * headMotionScale
                // The same small sway with the turn as the synthesized motion has.
                track.frames[index].translateX = reference.yaw * headMotionScale * Float(HeadMotion.shiftPerDegree)
            }
            if let blinks {
                let reference = blinks.frame(at: index)
                track.frames[index].blinkLeft = reference.blinkLeft
                track.frames[index].blinkRight = reference.blinkRight
            }
        }
    }
}
