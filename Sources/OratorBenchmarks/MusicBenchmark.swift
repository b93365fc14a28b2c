import Foundation
import OratorCore
import OratorMusic
import OratorTestSupport

/// Composer speed: each mood composed and rendered (FluidSynth, 48 kHz stereo, written as WAV)
/// at `seconds` long, timed from the request to the closed file (SoundFont loading included);
/// prints x real time per mood and the slowest, and the peak memory.
struct MusicBenchmark {
    var seconds: Double
    var seed: UInt64 = 1
    var rendering = MusicRenderConfiguration()

    func run() throws -> String {
        let folder = try TemporaryFolder("music-bench")
        defer { folder.remove() }
        var lines = ["| mood | tempo, key | audio | compose | compose + render + write | x real time | CPU x real time |",
                     "| --- | --- | --- | --- | --- | --- | --- |"]
        var slowest = Double.infinity
        for mood in MusicMood.allCases {
            let request = MusicRequest(mood: mood, seed: seed)
            let output = folder.file("\(mood.rawValue).wav")
            let cpuStart = Self.cpuSeconds(), started = Date()
            let composition = try MusicComposer().compose(request, length: seconds)
            let composed = Date().timeIntervalSince(started)
            try MusicRenderer(configuration: rendering).render(composition, to: output)
            let wall = Date().timeIntervalSince(started), cpu = Self.cpuSeconds() - cpuStart
            slowest = min(slowest, seconds / wall)
            let line = String(format: "| %@ | %.1f BPM, %@ | %.0f s | %.3f s | %.2f s | %.0fx | %.0fx |", mood.rawValue as NSString,
                              composition.tempo, composition.key.description as NSString, seconds, composed, wall, seconds / wall, seconds / cpu)
            lines.append(line)
        }
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "VmHWM ?"
        lines.append(String(format: "\nslowest mood: %.0fx real time (seed %llu, %@ interpolation, %d voices at most; %@, %@)", slowest, seed,
                            "\(rendering.interpolation)" as NSString, rendering.polyphony, peak as NSString, MusicRenderer.engine as NSString))
        return lines.joined(separator: "\n")
    }

    /// CPU seconds this process has used.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
