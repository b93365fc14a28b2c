// swift-tools-version:6.0
import PackageDescription

/// Orator: script or recording + portrait -> talking-head video.
/// One library target per pipeline stage, C libraries behind system-library targets,
/// and a thin `orator` executable. See docs/architecture.md for the module table.
let package = Package(
    name: "Orator",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "orator", targets: ["OratorCLI"]),
        .library(name: "OratorPipeline", targets: ["OratorPipeline"]),
        .executable(name: "orator-bench", targets: ["OratorBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CEspeakNG", path: "Sources/CEspeakNG", pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(
            name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "CPocketSphinx", path: "Sources/CPocketSphinx", pkgConfig: "pocketsphinx",
            providers: [.apt(["libpocketsphinx-dev", "pocketsphinx-en-us"])]),
        .systemLibrary(
            name: "CEbur128", path: "Sources/CEbur128", pkgConfig: "libebur128",
            providers: [.apt(["libebur128-dev"])]),
        // libyuv converts rendered BGRA frames to the encoder's planar YUV 4:2:0 (SIMD, BSD-3-Clause).
        .systemLibrary(name: "CYUV", path: "Sources/CYUV", providers: [.apt(["libyuv-dev"])]),
        // FluidSynth renders composed music beds; Debian's fluid-soundfont-gm voices them (scripts/setup).
        .systemLibrary(
            name: "CFluidSynth", path: "Sources/CFluidSynth", pkgConfig: "fluidsynth",
            providers: [.apt(["libfluidsynth-dev", "fluid-soundfont-gm"])]),
        // sherpa-onnx's C API from the PyPI package sherpa-onnx-core; scripts/setup installs it
        // and writes its pkg-config file.
        .systemLibrary(name: "CSherpaOnnx", path: "Sources/CSherpaOnnx", pkgConfig: "sherpa-onnx"),
        // OpenCV core + imgproc through orator-opencv.pc (scripts/setup writes it).
        .systemLibrary(
            name: "COpenCV", path: "Sources/COpenCV", pkgConfig: "orator-opencv",
            providers: [.apt(["libopencv-core-dev", "libopencv-imgproc-dev"])]),
        // dlib and OpenCV are C++: a small extern "C" shim. Unoptimized dlib detection is ~60x
        // slower, so scripts/test builds C++ with -Xcxx -O2 (release builds are optimized anyway).
        .target(
            name: "FaceShim",
            dependencies: ["COpenCV"],
            linkerSettings: [
                .linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack"),
                .linkedLibrary("exif"), .linkedLibrary("webp"), .linkedLibrary("jpeg"),
            ]),

        // MARK: Stages
        .target(name: "OratorCore"),
        .target(name: "OratorScript", dependencies: ["OratorCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "OratorAudio", dependencies: ["OratorCore"]),
        .target(name: "OratorSpeech", dependencies: ["OratorCore", "CEspeakNG"]),
        .target(name: "OratorMotion", dependencies: ["OratorCore"]),
        .target(name: "OratorRender", dependencies: ["OratorCore", "CCairo"]),
        .target(name: "OratorVideo", dependencies: ["OratorCore", "CYUV"]),
        .target(name: "OratorFace", dependencies: ["OratorCore", "FaceShim"]),
        .target(name: "OratorMix", dependencies: ["OratorCore", "OratorAudio", "CEbur128"]),
        .target(name: "OratorCaptions", dependencies: ["OratorCore"]),
        .target(name: "OratorMusic", dependencies: ["OratorCore", "OratorAudio", "CFluidSynth"]),
        .target(
            name: "OratorNeuralSpeech",
            dependencies: [
                "OratorCore", "OratorSpeech", "OratorLipSync", "CSherpaOnnx",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "OratorLipSync",
            dependencies: ["OratorCore", "OratorAudio", "OratorSpeech", "OratorMotion", "CPocketSphinx"]),
        .target(
            name: "OratorPipeline",
            dependencies: [
                "OratorCore", "OratorScript", "OratorAudio", "OratorSpeech", "OratorMotion",
                "OratorRender", "OratorVideo", "OratorLipSync", "OratorFace", "OratorMix", "OratorCaptions", "OratorNeuralSpeech", "OratorMusic",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]),

        // MARK: Service
        // `orator serve`: the D-ID-shaped REST API (Hummingbird 2), the durable queue (GRDB,
        // SQLite in WAL mode), uploads, workers running the pipeline in-process, webhooks, the page.
        .target(
            name: "OratorServer",
            dependencies: [
                "OratorPipeline", "OratorCore", "OratorFace", "OratorScript", "OratorSpeech", "OratorNeuralSpeech",
                "OratorCaptions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Web"), .copy("Resources/openapi.yaml")]),

        // MARK: Executable
        .executableTarget(
            name: "OratorCLI",
            dependencies: [
                "OratorPipeline", "OratorCore", "OratorLipSync", "OratorSpeech", "OratorMotion", "OratorFace", "OratorRender",
                "OratorVideo", "OratorCaptions", "OratorServer", "OratorMusic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // The script parser under libFuzzer (scripts/fuzz); a plain build replays saved inputs.
        .target(name: "CFuzzSupport"),
        .executableTarget(name: "OratorScriptFuzz", dependencies: ["OratorScript", "OratorCore", "CFuzzSupport"]),

        // MARK: Benchmarks and test support (no product library holds them)
        // Measured, never asserted: `orator-bench lipsync` (scripts/bench-lipsync), `orator-bench mix`, `orator-bench music`.
        .executableTarget(
            name: "OratorBenchmarks",
            dependencies: [
                "OratorLipSync", "OratorMix", "OratorMusic", "OratorAudio", "OratorSpeech", "OratorMotion", "OratorCore", "OratorTestSupport",
                "OratorRender",
            ]),
        // Temporary folders, media probes (ffmpeg/ffprobe), fixtures and lip-sync track measures
        // shared by the test targets and the benchmarks.
        .target(name: "OratorTestSupport", dependencies: ["OratorCore", "OratorMotion"]),

        // MARK: Tests
        .testTarget(name: "OratorMotionTests", dependencies: ["OratorMotion", "OratorCore"]),
        .testTarget(name: "OratorScriptTests", dependencies: ["OratorScript", "OratorCore"]),
        .testTarget(
            name: "OratorPipelineTests",
            dependencies: ["OratorPipeline", "OratorCore", "OratorVideo", "OratorMotion", "OratorFace", "OratorMix", "OratorRender", "OratorAudio", "OratorScript", "OratorSpeech",
                           "OratorTestSupport"]),
        .testTarget(name: "OratorRenderTests", dependencies: ["OratorRender", "OratorCore", "OratorTestSupport"]),
        .testTarget(name: "OratorFaceTests", dependencies: ["OratorFace", "FaceShim", "OratorCore", "OratorMotion", "OratorTestSupport"]),
        .testTarget(name: "OratorMixTests", dependencies: ["OratorMix", "OratorAudio", "OratorCore", "OratorTestSupport"]),
        .testTarget(name: "OratorMusicTests", dependencies: ["OratorMusic", "OratorAudio", "OratorCore", "OratorTestSupport"]),
        .testTarget(name: "OratorCaptionsTests", dependencies: ["OratorCaptions", "OratorCore", "OratorTestSupport"]),
        .testTarget(
            name: "OratorNeuralSpeechTests",
            dependencies: ["OratorNeuralSpeech", "OratorSpeech", "OratorAudio", "OratorCore", "OratorLipSync", "OratorTestSupport"]),
        .testTarget(
            name: "OratorLipSyncTests",
            dependencies: ["OratorLipSync", "OratorSpeech", "OratorAudio", "OratorCore", "OratorMotion", "OratorTestSupport"]),
        .testTarget(name: "OratorSpeechTests", dependencies: ["OratorSpeech", "OratorAudio", "OratorCore"]),
        .testTarget(name: "OratorCoreTests", dependencies: ["OratorCore"]),
        .testTarget(name: "OratorServerTests", dependencies: ["OratorServer", "OratorFace"]),
        .testTarget(name: "OratorAudioTests", dependencies: ["OratorAudio", "OratorCore", "OratorTestSupport"]),
        .testTarget(
            name: "OratorCLITests",
            dependencies: ["OratorCLI", "OratorPipeline", "OratorCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "OratorEndToEndTests",
            dependencies: ["OratorCLI", "OratorAudio", "OratorCore", "OratorRender", "OratorFace", "OratorTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every Swift target: an import a file uses but does not declare is a build error.
for target in package.targets where target.type != .system && !["FaceShim", "CFuzzSupport"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
