import Foundation
import OratorCore

/// Wall and CPU time of each stage of a run, in the order the stages ran.
public struct StageTiming: Sendable, Codable, Equatable {
    public var stage: String
    public var wallSeconds: Double
    public var cpuSeconds: Double
    public var items: Int
}

/// Measures stages as they run.
struct StageClock {
    private(set) var timings: [StageTiming] = []

    /// Runs `body`, recording its wall and process CPU time under `stage`.
    mutating func measure<T, E: Error>(_ stage: String, items: Int = 0, _ body: () throws(E) -> T) throws(E) -> T {
        let wallStart = Date()
        let cpuStart = Self.processCPUSeconds()
        let result = try body()
        timings.append(StageTiming(stage: stage, wallSeconds: Date().timeIntervalSince(wallStart),
                                   cpuSeconds: Self.processCPUSeconds() - cpuStart, items: items))
        return result
    }

    /// Sets the item count of the most recent stage named `stage`.
    mutating func setItems(_ items: Int, for stage: String) {
        if let index = timings.lastIndex(where: { $0.stage == stage }) { timings[index].items = items }
    }

    /// Peak resident memory in MB of this process and of its largest finished child (FFmpeg).
    static func peakMemoryMB() -> (own: Double, children: Double) {
        var own = rusage(), children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &own)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        return (Double(own.ru_maxrss) / 1024, Double(children.ru_maxrss) / 1024)
    }

    /// CPU seconds used by this process and its finished children (FFmpeg) so far.
    static func processCPUSeconds() -> Double {
        var own = rusage(), children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &own)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(own.ru_utime) + seconds(own.ru_stime) + seconds(children.ru_utime) + seconds(children.ru_stime)
    }
}
