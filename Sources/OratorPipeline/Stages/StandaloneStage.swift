import Foundation
import OratorCore
import OratorFace
import OratorMotion
import OratorScript
import OratorSpeech
import OratorVideo

/// Runs single stages from files to files, for `orator stage NAME` and workflow engines.
///
/// Each call runs exactly the code the local runner runs, writes its outputs into a fresh
/// folder beside `out` and moves them into `out` only when the stage has succeeded.
public enum StandaloneStage {
    /// `speak`: SCRIPT -> OUT/speech.wav + OUT/timeline.json.
    public static func speak(script: URL, settings: ResolvedSettings, out: URL,
                             progress: any StageProgressReporting) throws(OratorError) {
        let stage = try SpeakStage(script: script, settings: settings)
        try produce(into: out, inputs: [script]) { folder throws(OratorError) in
            try stage.run(into: folder, progress: progress)
        }
    }

    /// `motion`: IN/timeline.json -> OUT/motion.bin + OUT/cues.json.
    public static func motion(input: URL, configuration: MotionConfiguration, out: URL) throws(OratorError) {
        let timeline = input.appendingPathComponent(StageFiles.timeline)
        try produce(into: out, inputs: [timeline]) { folder throws(OratorError) in
            try MotionStage(configuration: configuration).run(timeline: timeline, into: folder)
        }
    }

    /// `render`: IN/motion.bin -> OUT/chunk.mp4 for one slice of the frames. A photo's face is
    /// taken from `faceAnalysis` (a folder from `face`) when given, else detected.
    public static func render(input: URL, avatar: AvatarSource, size: FrameSize, slice: FrameSlice, jobs: Int,
                              faceAnalysis: URL? = nil, out: URL, progress: any StageProgressReporting) throws(OratorError) {
        let motionFile = input.appendingPathComponent(StageFiles.motion)
        let fps = try MotionTrackFile.header(motionFile).fps
        let size = try avatar.outputSize(requested: size)  // `full` keeps the photo's own size, as `create` does
        let stage = RenderStage(avatar: avatar, encoding: VideoEncoderConfiguration(size: size, fps: fps), slice: slice, jobs: jobs)
        let face = try faceAnalysis.map { folder throws(OratorError) in try FaceStage.read(folder).landmarks(for: avatar, from: folder) }
        let renderer = try AvatarFactory.renderer(for: avatar, size: size, face: face)
        try produce(into: out, inputs: [motionFile] + avatar.inputFiles) { folder throws(OratorError) in
            try stage.run(motion: motionFile, renderer: renderer, into: folder, progress: progress)
        }
    }

    /// `audio`: any audio file -> OUT/audio.m4a.
    public static func audio(input: URL, out: URL) throws(OratorError) {
        try produce(into: out, inputs: [input]) { folder throws(OratorError) in
            try AudioStage(encoding: VideoEncoderConfiguration()).run(audio: input, into: folder)
        }
    }

    /// `encode`: CHUNK folders (in order) + soundtrack -> the finished MP4 at `output`.
    public static func encode(chunks: [URL], audio: URL, output: URL) throws(OratorError) {
        let files = chunks.map { $0.hasDirectoryPath || $0.pathExtension.isEmpty ? $0.appendingPathComponent(StageFiles.chunk) : $0 }
        let destination = try AtomicOutput(destination: output)
        try OutputGuard.check(outputs: [output], inputs: files + [audio])
        do throws(OratorError) {
            try EncodeStage(encoding: VideoEncoderConfiguration()).run(chunks: files, audio: audio, output: destination.temporary)
            try destination.commit()
        } catch {
            destination.discard()
            throw error
        }
    }

    /// Runs `body` in a fresh folder beside `out`, then moves its files into `out`.
    /// No file it moves may be one of `inputs`.
    static func produce(into out: URL, inputs: [URL], _ body: (URL) throws(OratorError) -> Void) throws(OratorError) {
        let parent = out.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path) else {
            throw OratorError(.unwritableOutput, "cannot write \(out.path): folder \(parent.path) does not exist")
        }
        let outKind = FileKind(of: out)
        guard outKind == .missing || outKind == .directory else {
            throw OratorError(.unwritableOutput, "cannot write into \(out.path): it is \(outKind.phrase), not a folder")
        }
        let scratch = parent.appendingPathComponent(".\(out.lastPathComponent).partial-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        Cleanup.track(scratch)
        defer {
            try? FileManager.default.removeItem(at: scratch)
            Cleanup.release(scratch)
        }
        try body(scratch)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
        try OutputGuard.check(outputs: names.map { out.appendingPathComponent($0) }, inputs: inputs)
        for name in names where rename(scratch.appendingPathComponent(name).path, out.appendingPathComponent(name).path) != 0 {
            throw OratorError(.unwritableOutput, "cannot write \(out.appendingPathComponent(name).path)", cause: String(cString: strerror(errno)))
        }
    }
}
