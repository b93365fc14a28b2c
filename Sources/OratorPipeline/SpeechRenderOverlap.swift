import Foundation
import OratorCore
import OratorMotion
import OratorVideo

/// Renders a video's frames while its speech is still being spoken: after each paragraph the
/// speak stage hands over the timeline so far, and the frames up to `MotionSynthesizer.lookahead`
/// before its end (final by then) go to a render thread, which encodes them into a video-only
/// chunk. When the speech is done, `finish` checks those frames against the motion stage's
/// own output; only if every one is the same is the chunk used, so the video is the one the
/// stages would have made one after the other, byte for byte. Otherwise (or for a video longer
/// than one chunk) the work is dropped and the render stage runs as usual.
///
/// Memory: the motion frames of at most one chunk, and the render pipeline's few frames.
final class SpeechRenderOverlap: @unchecked Sendable {
    // Safe: every mutable field is read and written under `condition`; the render thread reads
    // frames only through `frames(_:)`.
    private let condition = NSCondition()
    private var published: [MotionFrame] = []
    private var complete = false
    private var cancelled = false
    private var started = false
    private var ended = false
    private var failure: OratorError?

    private let motion: MotionStage
    private let renderer: LazyRenderer
    private let encoding: VideoEncoderConfiguration
    private let jobs: Int
    private let frameLimit: Int
    private let progress: any StageProgressReporting
    /// Where the render thread writes its chunk.
    let chunk: URL

    init(motion: MotionStage, renderer: LazyRenderer, encoding: VideoEncoderConfiguration, jobs: Int,
         frameLimit: Int, chunk: URL, progress: any StageProgressReporting) {
        self.motion = motion
        self.renderer = renderer
        self.encoding = encoding
        self.jobs = jobs
        self.frameLimit = frameLimit
        self.chunk = chunk
        self.progress = progress
    }

    /// Frames of the chunk in use that the render thread had taken before the speech ended (for
    /// the run report); 0 when the chunk was not used.
    var framesAhead: Int { condition.withLock { complete ? takenBeforeEnd : 0 } }
    private var taken = 0, takenBeforeEnd = 0

    /// The speak stage's report after each paragraph or sentence: publishes the frames that are
    /// final now. Returns false once it wants no more reports (stopped, or longer than a chunk).
    func spoken(_ timeline: SpeechTimeline) -> Bool {
        guard condition.withLock({ !cancelled && !complete }) else { return false }
        let track = motion.motion(for: timeline).track
        let final = Int(((timeline.duration - MotionSynthesizer.lookahead) * encoding.fps).rounded(.down))
        return condition.withLock {
            guard !cancelled, !complete else { return false }
            guard track.frames.count <= frameLimit else {
                // Longer than one chunk: chunks are cut by the final frame count, so wait for it.
                cancelled = true
                condition.broadcast()
                return false
            }
            guard final > published.count else { return true }
            published += track.frames[published.count..<final]
            condition.broadcast()
            if !started {
                started = true
                let thread = Thread { [self] in render() }
                thread.stackSize = 1 << 22
                thread.start()
            }
            return true
        }
    }

    /// The chunk rendered beside the speech, when its frames are exactly `track`'s first ones and
    /// the video is one chunk; nil when the render stage has to draw it. Waits for the render
    /// thread to draw the rest of `track`.
    func finish(_ track: MotionTrack, slices: Int) throws(OratorError) -> URL? {
        let usable: Bool = condition.withLock {
            guard started, !cancelled, slices == 1, published.count <= track.frames.count,
                  Array(track.frames[0..<published.count]) == published else {
                cancelled = true
                condition.broadcast()
                return false
            }
            takenBeforeEnd = taken
            published = track.frames
            complete = true
            condition.broadcast()
            return true
        }
        try waitForThread()
        return usable ? chunk : nil
    }

    /// Stops the render thread (if any) and waits for it; its chunk is not used.
    func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
        try? waitForThread()
    }

    private func waitForThread() throws(OratorError) {
        let failure: OratorError? = condition.withLock {
            while started && !ended { condition.wait() }
            return cancelled ? nil : self.failure
        }
        if let failure { throw failure }
    }

    /// The frames of `range` once they are final; fewer only at the end of the video.
    private func frames(_ range: Range<Int>) throws(OratorError) -> [MotionFrame] {
        let result: [MotionFrame]? = condition.withLock {
            while !cancelled && !complete && published.count < range.upperBound { condition.wait() }
            guard !cancelled else { return nil }
            let end = min(range.upperBound, published.count)
            taken = max(taken, end)
            return Array(published[min(range.lowerBound, end)..<end])
        }
        guard let result else { throw OratorError(.cancelled, "rendering beside the speech was stopped") }
        return result
    }

    /// The render thread: the frames, as they are published, into a video-only chunk.
    private func render() {
        var error: OratorError?
        do throws(OratorError) {
            let renderer = try self.renderer.get()
            let encoder = try FFmpegVideoEncoder(configuration: encoding, audio: nil, output: chunk)
            do throws(OratorError) {
                try FrameStreamer(jobs: jobs).stream(
                    count: nil, size: renderer.size, encoder: encoder, progress: progress,
                    prepare: { range throws(OratorError) in try self.frames(range) },
                    render: { motion, buffer, previous throws(OratorError) in try renderer.update(motion, over: &buffer, previous: previous) })
                try encoder.finish()
            } catch let failed {
                encoder.cancel()
                throw failed
            }
        } catch let failed {
            error = failed
        }
        condition.withLock {
            failure = error
            ended = true
            condition.broadcast()
        }
    }
}
