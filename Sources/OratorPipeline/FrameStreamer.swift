import Foundation
import OratorCore
import OratorVideo

/// Renders a motion track's frames on several threads and hands them to the encoder in order.
///
/// A producer renders groups of frames concurrently into a small pool of buffers while the
/// caller writes the previous group, so memory stays at a few frames however long the video.
public struct FrameStreamer: Sendable {
    /// Frames rendered at once (normally the number of cores).
    public var jobs: Int

    /// Half the cores, at least one: x264 needs the other half, and more render threads than
    /// that fight the encoder for the CPU (measured in BENCHMARKS.md).
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }

    public init(jobs: Int = FrameStreamer.defaultJobs) {
        self.jobs = max(1, jobs)
    }

    /// Renders every frame of `track` with `renderer` and writes them to `encoder`.
    public func stream(_ track: MotionTrack, renderer: any FrameRendering, encoder: FFmpegVideoEncoder,
                       progress: any StageProgressReporting = SilentProgress()) throws(OratorError) {
        try stream(count: track.frames.count, size: renderer.size, encoder: encoder, progress: progress,
                   prepare: { range in Array(track.frames[range]) },
                   render: { motion, buffer, previous throws(OratorError) in try renderer.update(motion, over: &buffer, previous: previous) })
    }

    /// Renders `count` frames and writes them to `encoder` in order. `prepare` makes the inputs
    /// of a group of frames (on the producer thread, in order); `render` draws one frame and may
    /// run on several threads at once. With `count` nil the frames are not known in advance:
    /// `prepare` may wait for them, and returns fewer inputs than asked only at the end (none:
    /// the end).
    ///
    /// Each worker keeps one BGRA canvas and draws each of its frames over the last: `render`
    /// gets the region its previous call returned (nil the first time) and returns where the new
    /// frame can differ from the still parts (nil: anywhere), as `FrameRendering.update` does.
    /// The worker converts the canvas to the encoder's YUV 4:2:0 there, only the changed regions
    /// when the planar buffer already holds a frame, so only planar frames (1.5 bytes a pixel)
    /// wait in the queue and the work per frame follows what changed.
    public func stream<Input: Sendable>(
        count total: Int?, size: FrameSize, encoder: FFmpegVideoEncoder, progress: any StageProgressReporting,
        prepare: @escaping @Sendable (Range<Int>) throws(OratorError) -> [Input],
        render: @escaping @Sendable (Input, inout FrameBuffer, PixelRegion?) throws(OratorError) -> PixelRegion?
    ) throws(OratorError) {
        let groupSize = jobs * 2
        // Enough rendered frames waiting that the encoder never starves while a group renders.
        let queue = FrameGroupQueue(capacity: 4)
        // Frames go back to the pool once written, so the buffers are allocated once per run
        // instead of once per frame.
        let pool = FramePool(size: size)
        let canvases = (0..<jobs).map { _ in Canvas(size: size) }
        progress.begin(stage: "render", total: total)
        let producer = Thread { [jobs] in
            var start = 0
            while start < (total ?? Int.max), !queue.isCancelled {
                let asked = min(groupSize, (total ?? Int.max) - start)
                let inputs: [Input]
                do throws(OratorError) {
                    inputs = try prepare(start..<(start + asked))
                } catch {
                    let failed = RenderGroup(count: 0, pool: pool)
                    failed.fail(error)
                    queue.push(failed)
                    break
                }
                let count = inputs.count
                guard count > 0 else { break }
                let group = RenderGroup(count: count, pool: pool)
                DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { worker in
                    let canvas = canvases[worker]
                    var index = worker
                    while index < count {
                        group.render(index) { slot throws(OratorError) in
                            let changed = try render(inputs[index], &canvas.frame, canvas.changed)
                            canvas.changed = changed
                            if let changed, let before = slot.changed {
                                try PlanarConverter.convert(canvas.frame, region: changed.union(before), into: &slot.frame)
                            } else {
                                try PlanarConverter.convert(canvas.frame, into: &slot.frame)
                            }
                            slot.changed = changed
                        }
                        index += jobs
                    }
                }
                queue.push(group)
                start += count
            }
            queue.close()
        }
        producer.stackSize = 1 << 22
        producer.start()
        var written = 0
        do throws(OratorError) {
            while let group = queue.pop() {
                if let error = group.error { throw error }
                for frame in group.frames {
                    try encoder.write(frame)
                    written += 1
                }
                group.recycle(into: pool)
                progress.advance(stage: "render", done: written, total: total)
                try progress.checkCancelled()
            }
        } catch {
            queue.cancel()
            throw error
        }
        progress.end(stage: "render")
    }
}

/// A group of frames rendered concurrently. Each frame has its own slot object, so workers
/// never mutate a shared array.
final class RenderGroup: @unchecked Sendable {
    // Safe: each slot is written by exactly one worker, and the group is read only after
    // `concurrentPerform` returns (which orders those writes before the read); `error` is
    // guarded by `lock`.
    private var slots: [PlanarSlot]
    private(set) var error: OratorError?
    private let lock = NSLock()

    init(count: Int, pool: FramePool) {
        slots = (0..<count).map { _ in pool.take() }
    }

    var frames: [PlanarFrame] { slots.map(\.frame) }

    /// Hands the frames back to `pool` once they are written; the group is empty afterwards.
    func recycle(into pool: FramePool) {
        for slot in slots { pool.give(slot) }
        slots = []
    }

    func render(_ index: Int, _ body: (PlanarSlot) throws(OratorError) -> Void) {
        do {
            try body(slots[index])
        } catch {
            fail(error)
        }
    }

    func fail(_ error: OratorError) {
        lock.withLock { self.error = self.error ?? error }
    }
}

/// One planar frame owned by one worker (then the writer) at a time.
final class PlanarSlot: @unchecked Sendable {
    // Safe: see `RenderGroup`: one writer per slot, reads after the writers have finished.
    var frame: PlanarFrame
    /// Where the frame `frame` holds differs from the still parts; nil: anywhere, or no frame yet.
    var changed: PixelRegion?
    init(size: FrameSize) { frame = PlanarFrame(size: size) }
}

/// One worker's BGRA frame, drawn over again for each of its frames.
final class Canvas: @unchecked Sendable {
    // Safe: canvas `i` is used only by worker `i` of each group, and groups run one at a time.
    var frame: FrameBuffer
    /// What the last `render` returned for the frame `frame` holds (nil: anywhere, or none yet).
    var changed: PixelRegion?
    init(size: FrameSize) { frame = FrameBuffer(size: size) }
}

/// Planar frames that the writer has finished with, for the render workers to fill again.
final class FramePool: @unchecked Sendable {
    // Safe: `free` is read and written under `lock`.
    private let lock = NSLock()
    private var free: [PlanarSlot] = []
    private let size: FrameSize

    init(size: FrameSize) { self.size = size }

    func take() -> PlanarSlot {
        lock.withLock { free.popLast() } ?? PlanarSlot(size: size)
    }

    func give(_ slot: PlanarSlot) {
        lock.withLock { free.append(slot) }
    }
}

/// A bounded hand-off between the render thread and the writer.
final class FrameGroupQueue: @unchecked Sendable {
    // Safe: every field is read and written under `condition`.
    private let condition = NSCondition()
    private var groups: [RenderGroup] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    var isCancelled: Bool { condition.withLock { cancelled } }

    func push(_ group: RenderGroup) {
        condition.withLock {
            while groups.count >= capacity && !cancelled { condition.wait() }
            if !cancelled { groups.append(group) }
            condition.broadcast()
        }
    }

    func pop() -> RenderGroup? {
        condition.withLock {
            while groups.isEmpty && !closed { condition.wait() }
            guard !groups.isEmpty else { return nil }
            let group = groups.removeFirst()
            condition.broadcast()
            return group
        }
    }

    func close() { condition.withLock { closed = true; condition.broadcast() } }
    func cancel() { condition.withLock { cancelled = true; groups.removeAll(); condition.broadcast() } }
}
