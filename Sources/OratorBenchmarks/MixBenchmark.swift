import Foundation
import OratorCore
import OratorMix
import OratorTestSupport

/// Mix speed and memory on a long episode: real read speech looped to `minutes`, two pink-noise
/// music beds, mixed and mastered to -16 LUFS; prints x real time and peak memory, and checks
/// the result with FFmpeg's own loudness meter.
struct MixBenchmark {
    var minutes: Double

    func run() throws -> String {
        let folder = try TemporaryFolder("mix-bench")
        let source = TestFixtures.librivox.appendingPathComponent("sense_and_sensibility_01_austen_64kb-0870.wav")
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw MediaTool.Failure("install Debian's pocketsphinx-testdata for \(source.path)")
        }
        let loops = Int((minutes * 60 / 7.1).rounded(.up))
        let speech = folder.file("speech.wav")
        try MediaTool.run("ffmpeg", ["-nostdin", "-v", "error", "-stream_loop", "\(loops - 1)", "-i", source.path, "-c", "copy", speech.path])
        let once = try EnergyActivity.intervals(source)
        let activity = (0..<loops).flatMap { loop in once.map { ($0.lowerBound + 7.1 * Double(loop))...($0.upperBound + 7.1 * Double(loop)) } }
        let bed = folder.file("bed.mp3")
        try MediaTool.run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                                     "anoisesrc=color=pink:sample_rate=44100:amplitude=0.5:duration=90:seed=7", "-ac", "2", bed.path])
        let output = folder.file("mix.wav")
        let started = Date()
        let result = try PodcastMixer().mix(speech: speech, activity: activity,
                                            beds: [MusicBed(file: bed), MusicBed(file: bed, start: 120, end: 300)], output: output)
        let seconds = Date().timeIntervalSince(started)
        let measured = try MediaTool.ebur128(output)
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? "VmHWM ?"
        guard abs(measured.integrated - -16) <= 1, measured.truePeak <= -1 else {
            throw MediaTool.Failure("the mix measured \(measured.integrated) LUFS, \(measured.truePeak) dBTP (want -16 LUFS, <= -1 dBTP)")
        }
        return String(format: "mix: %.1f min mixed in %.1f s = %.1fx real time, %d passes, limiter %.1f dB; libebur128 %.2f LUFS %.2f dBTP; ffmpeg %.1f LUFS %.1f dBTP; %@",
                      result.duration / 60, seconds, result.duration / seconds, result.masteringPasses, result.limiterReduction,
                      result.integratedLoudness, result.truePeak, measured.integrated, measured.truePeak, String(peak))
    }
}
