import Foundation
import OratorCore
import OratorFace
import Testing
@testable import OratorPipeline
import OratorMotion
import OratorTestSupport
import OratorVideo

@Suite("Settings layer: defaults, then the configuration file, a manifest job, the flags")
struct SettingsResolverTests {
    let config = try! OratorConfiguration.parse("""
        voice: en-gb
        rate: 180
        seed: 3
        size: shorts
        cache: cache-here
        presets:
          shorts: { size: 1080x1920, fps: 30 }
        speakers:
          ALEX: { voice: de }
        """, source: "orator.yaml")

    @Test("with no layer every value is the documented default")
    func defaults() throws {
        let settings = try SettingsResolver().resolve([])
        #expect(settings.voice == .espeak("en-us"))
        #expect(settings.rate == JobDefaults.rate && settings.pitch == JobDefaults.pitch)
        #expect(settings.size == FrameSize(square: 512) && settings.sizeName == "512")
        #expect(settings.motion.fps == 25 && settings.motion.seed == 0 && !settings.motion.still)
        #expect(settings.avatar == .builtin && settings.encoder == .automatic)
        #expect(settings.cache == ContentCache.defaultRoot)
    }

    @Test("the configuration file overrides the defaults and its preset brings its fps")
    func configurationFile() throws {
        var file = config
        file.folder = URL(fileURLWithPath: "/projects/show")
        let settings = try SettingsResolver.resolve(configuration: file, layers: [])
        #expect(settings.voice == .espeak("en-gb") && settings.rate == 180 && settings.motion.seed == 3)
        #expect(settings.size == FrameSize(width: 1080, height: 1920) && settings.motion.fps == 30)
        #expect(settings.cache?.path == "/projects/show/cache-here", "relative paths resolve against the file's folder")
        #expect(settings.speakers["ALEX"]?.voice == "de")
    }

    @Test("a manifest job overrides the file, and the flags override the job")
    func order() throws {
        let job = SettingsLayer(rate: 200, seed: 5)
        let flags = SettingsLayer(seed: 9)
        let settings = try SettingsResolver.resolve(configuration: config, layers: [job, flags])
        #expect(settings.rate == 200, "the job's rate beats the file's")
        #expect(settings.motion.seed == 9, "the flag's seed beats the job's")
        #expect(settings.voice == .espeak("en-gb"), "what no higher layer names stays the file's")
    }

    @Test("an explicit fps beats a preset's, in the same layer or a later one; a later preset brings its own")
    func presetFPS() throws {
        #expect(try SettingsResolver.resolve(configuration: config, layers: [SettingsLayer(fps: 24)]).motion.fps == 24)
        #expect(try SettingsResolver.resolve(configuration: config, layers: [SettingsLayer(size: "shorts", fps: 50)]).motion.fps == 50)
        let sizeOnly = try SettingsResolver.resolve(configuration: OratorConfiguration(), layers: [SettingsLayer(fps: 24), SettingsLayer(size: "landscape")])
        #expect(sizeOnly.motion.fps == 24, "a preset without an fps leaves the fps alone")
        #expect(sizeOnly.size == FrameSize(width: 1920, height: 1080))
    }

    @Test("every range is checked with a message that proposes the fix", arguments: [
        (SettingsLayer(fps: 0), "invalid fps 0: use 1 to 120"),
        (SettingsLayer(expressionScale: 5), "invalid expression scale 5: use 0 to 3"),
        (SettingsLayer(rate: 10), "invalid rate 10"),
        (SettingsLayer(pitch: 101), "invalid pitch 101"),
        (SettingsLayer(jobs: 0), "invalid --jobs 0"),
        (SettingsLayer(speechThreads: 99), "invalid --speech-threads 99"),
        (SettingsLayer(face: -1), "invalid --face -1"),
        (SettingsLayer(size: "513"), "H.264 needs even sides, for example 514x514"),
        (SettingsLayer(encoder: "h265"), "invalid encoder 'h265'"),
        (SettingsLayer(avatar: "/nonexistent/face.jpg"), "avatar not found"),
    ])
    func ranges(_ layer: SettingsLayer, _ message: String) {
        let error = #expect(throws: OratorError.self) { try SettingsResolver().resolve([layer]) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }

    @Test("the voice is typed by what it names")
    func voices() {
        #expect(VoiceChoice(parsing: "en-us") == .espeak("en-us"))
        #expect(VoiceChoice(parsing: "joe") == .neural("joe"))
        #expect(VoiceChoice(parsing: "piper:/v/x.onnx") == .piper("/v/x.onnx"))
        #expect(VoiceChoice(parsing: "piper:/v/x.onnx").name == "piper:/v/x.onnx")
    }

    @Test("a photo avatar keeps its framing; --no-cache turns the cache off")
    func photoAndCache() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        FileManager.default.createFile(atPath: folder.appendingPathComponent("face.jpg").path, contents: Data([0xFF, 0xD8]))
        var resolver = SettingsResolver()
        resolver.cacheEnabled = false
        let settings = try resolver.resolve([SettingsLayer(avatar: "face.jpg", preprocess: .full, face: 1, base: folder)])
        #expect(settings.avatar == .photo(folder.appendingPathComponent("face.jpg").standardizedFileURL,
                                          AvatarSource.PhotoOptions(preprocess: .full, faceIndex: 1)))
        #expect(settings.cache == nil)
    }

    @Test("orator config's YAML reads back as the same settings")
    func yamlRoundTrip() throws {
        let settings = try SettingsResolver.resolve(configuration: config, layers: [SettingsLayer(seed: 11)])
        let printed = settings.yaml(presets: SettingsResolver(configuration: config).presets)
        var reread = try OratorConfiguration.parse(printed, source: "printed.yaml")
        reread.folder = nil
        let again = try SettingsResolver.resolve(configuration: reread, layers: [])
        #expect(again.motion == settings.motion && again.size == settings.size && again.voice == settings.voice)
        #expect(again.rate == settings.rate && again.jobs == settings.jobs && again.speakers == settings.speakers)
        #expect(again.quality == settings.quality)
    }

    @Test("quality: balanced by default, from the file, the flag last; an unknown level is one clear error")
    func quality() throws {
        #expect(try SettingsResolver().resolve([]).quality == .balanced)
        let file = try OratorConfiguration.parse("quality: best\n", source: "orator.yaml")
        #expect(try SettingsResolver.resolve(configuration: file, layers: []).quality == .best)
        #expect(try SettingsResolver.resolve(configuration: file, layers: [SettingsLayer(quality: "fast")]).quality == .fast)
        #expect { try SettingsResolver().resolve([SettingsLayer(quality: "ultra")]) } throws: { error in
            (error as? OratorError)?.message == "invalid quality 'ultra': use fast, balanced or best"
        }
        // Each level reaches the encoder's arguments; balanced is the encoder's default.
        let size = FrameSize(width: 1920, height: 1080)
        let best = VideoEncoderConfiguration(size: size, fps: 25, quality: .best).ffmpegArguments(audio: nil, output: "o.mp4")
        #expect(best.joined(separator: " ").contains("-preset medium -crf 18"))
        #expect(VideoEncoderConfiguration(size: size, fps: 25, quality: .balanced) == VideoEncoderConfiguration(size: size, fps: 25))
        #expect(VideoEncoderConfiguration(size: size).ffmpegArguments(audio: nil, output: "o.mp4")
            .joined(separator: " ").contains("-f rawvideo -pix_fmt yuv420p -video_size 1920x1080"))
    }

    @Test("from 1080p up x264 runs a frame thread a core with 2 lookahead frames; smaller frames keep its defaults")
    func x264ThreadingBySize() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for size in [FrameSize(width: 1920, height: 1080), FrameSize(width: 1080, height: 1920), FrameSize(width: 3840, height: 2160)] {
            let arguments = VideoEncoderConfiguration(size: size).ffmpegArguments(audio: nil, output: "o.mp4").joined(separator: " ")
            #expect(arguments.contains("-crf 25 -threads \(cores) -x264-params sync-lookahead=2"), "\(size)")
        }
        for size in [FrameSize(square: 512), FrameSize(width: 1280, height: 720), FrameSize(width: 1920, height: 1078)] {
            #expect(!VideoEncoderConfiguration(size: size).ffmpegArguments(audio: nil, output: "o.mp4").contains("-threads"), "\(size)")
        }
        let nvenc = VideoEncoderConfiguration(size: FrameSize(width: 1920, height: 1080), fps: 25, quality: .balanced, codec: .nvenc)
        #expect(!nvenc.ffmpegArguments(audio: nil, output: "o.mp4").contains("-x264-params"))
    }
}

@Suite("A batch shares the cores out among its workers")
struct BatchPlanThreadTests {
    @Test("render and speech threads are divided by the workers unless a layer names them")
    func sharesThreads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scripts = try (0..<2).map { index in try folder.file("ep\(index).txt", contents: "Hello number \(index).") }
        func plan(_ flags: [SettingsLayer], workers: Int) throws -> BatchPlan {
            try BatchPlan(configuration: OratorConfiguration(), flags: flags, cache: false, workers: workers,
                          scripts: scripts, outputFolder: folder.url, manifest: nil)
        }
        let shared = try plan([], workers: 2)
        #expect(shared.requests.allSatisfy { $0.speechThreads == max(1, JobDefaults.speechThreads / 2) })
        #expect(shared.requests.allSatisfy { $0.jobs == max(1, JobDefaults.jobs / 2) })
        #expect(try plan([], workers: 1).requests.allSatisfy { $0.speechThreads == JobDefaults.speechThreads })
        #expect(try plan([SettingsLayer(speechThreads: 3)], workers: 2).requests.allSatisfy { $0.speechThreads == 3 })
    }
}
