import Foundation
import OratorCore
import OratorMix
import OratorTestSupport
import Testing

/// Mix speed and memory on a long episode. Runs only with ORATOR_BENCH set (slow); prints
/// x real time and peak memory, and checks only that the result is correct, never the time.
/// `ORATOR_BENCH=1 ORATOR_BENCH_MINUTES=30 swift test -c release -Xswiftc -enable-testing --filter MixBenchmark`
@Suite struct MixBenchmarkTests {
    @Test func longEpisode() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["ORATOR_BENCH"] != nil else { return }
        let minutes = Double(environment["ORATOR_BENCH_MINUTES"] ?? "10") ?? 10
        let folder = try TemporaryFolder("bench")
        let source = try MixFixtures.realSpeech()
        let loops = Int((minutes * 60 / 7.1).rounded(.up))
        let speech = folder.file("speech.wav")
        try MediaTool.run("ffmpeg", ["-nostdin", "-v", "error", "-stream_loop", "\(loops - 1)", "-i", source.path, "-c", "copy", speech.path])
        let once = try MixFixtures.energyActivity(source)
        let activity = (0..<loops).flatMap { loop in once.map { ($0.lowerBound + 7.1 * Double(loop))...($0.upperBound + 7.1 * Double(loop)) } }
        let bed = folder.file("bed.mp3")
        try MixFixtures.noiseBed(bed, seconds: 90)
        let output = folder.file("mix.wav")
        let started = Date()
        let result = try PodcastMixer().mix(speech: speech, activity: activity,
                                            beds: [MusicBed(file: bed), MusicBed(file: bed, start: 120, end: 300)], output: output)
        let seconds = Date().timeIntervalSince(started)
        let measured = try MediaTool.ebur128(output)
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? "VmHWM ?"
        print(String(format: "BENCH %.1f min mixed in %.1f s = %.1fx real time, %d passes, limiter %.1f dB; libebur128 %.2f LUFS %.2f dBTP; ffmpeg %.1f LUFS %.1f dBTP; %@",
                     result.duration / 60, seconds, result.duration / seconds, result.masteringPasses, result.limiterReduction,
                     result.integratedLoudness, result.truePeak, measured.integrated, measured.truePeak, String(peak)))
        #expect(abs(measured.integrated - -16) <= 1 && measured.truePeak <= -1)
    }
}
