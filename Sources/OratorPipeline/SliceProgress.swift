import OratorCore

/// Reports one slice's progress as part of the whole stage: `done` counts from the slice's
/// first frame, and only the first slice begins and the last ends the stage.
struct SliceProgress: StageProgressReporting {
    let base: any StageProgressReporting
    let offset: Int
    let total: Int
    let isFirst: Bool
    let isLast: Bool

    func begin(stage: String, total _: Int?) {
        if isFirst { base.begin(stage: stage, total: total) }
    }

    func advance(stage: String, done: Int, total _: Int?) {
        base.advance(stage: stage, done: offset + done, total: total)
    }

    func end(stage: String) {
        if isLast { base.end(stage: stage) }
    }

    var isCancelled: Bool { base.isCancelled }
}
