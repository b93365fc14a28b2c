import OratorCore

/// Samples the mouth pose of a cue track at any time, averaged over a short window so that
/// shape changes ease over about one frame instead of snapping.
struct MouthSampler {
    let cues: [MouthCue]
    /// Width of the averaging window, seconds.
    let window: Double

    /// The cue in effect at `time`.
    func cue(at time: Double) -> MouthCue? {
        cues.isEmpty ? nil : cues[index(at: time)]
    }

    /// Index of the last cue starting at or before `time` (0 if none does).
    private func index(at time: Double) -> Int {
        var low = 0, high = cues.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if cues[mid].start <= time { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The pose at `time`: the time-weighted mean of the cue poses within the window.
    func pose(at time: Double) -> MouthPose {
        let from = time - window / 2, to = time + window / 2
        var total = MouthPose()
        var covered = 0.0
        guard !cues.isEmpty else { return total }
        for cue in cues[index(at: from)...] {
            if cue.start >= to { break }
            let overlap = min(cue.end, to) - max(cue.start, from)
            if overlap <= 0 { continue }
            total = total + MouthPose.of(cue.shape) * Float(overlap)
            covered += overlap
        }
        return covered > 0 ? total * Float(1 / covered) : MouthPose()
    }
}
