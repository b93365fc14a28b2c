import Foundation
import OratorCore

/// One stage of a run in the report: its cost, whether it was reused from the cache, and what did
/// the work.
public struct StageRecord: Sendable, Codable, Equatable {
    public var stage: String
    public var wallSeconds: Double
    public var cpuSeconds: Double
    public var items: Int
    public var itemsPerSecond: Double
    /// `hit` (reused), `miss` (computed and stored) or `off` (no cache).
    public var cache: String
    /// The engine or device that did the work, where it matters (speech engine, encoder).
    public var engine: String?
}

/// Measures stages as they run.
struct StageClock {
    private(set) var records: [StageRecord] = []

    /// Runs `body`, recording its wall and CPU time (this process and finished children).
    mutating func measure<T, E: Error>(_ stage: String, items: Int = 0, cache: String = "off", engine: String? = nil,
                                       _ body: () throws(E) -> T) throws(E) -> T {
        let wallStart = Date()
        let cpuStart = Self.processCPUSeconds()
        let result = try body()
        let wall = Date().timeIntervalSince(wallStart)
        records.append(StageRecord(stage: stage, wallSeconds: wall, cpuSeconds: Self.processCPUSeconds() - cpuStart,
                                   items: items, itemsPerSecond: wall > 0 ? Double(items) / wall : 0,
                                   cache: cache, engine: engine))
        return result
    }

    /// Updates the most recent record of `stage`.
    mutating func update(_ stage: String, items: Int? = nil, cache: String? = nil, engine: String? = nil) {
        guard let index = records.lastIndex(where: { $0.stage == stage }) else { return }
        if let engine { records[index].engine = engine }
        if let items {
            records[index].items = items
            records[index].itemsPerSecond = records[index].wallSeconds > 0 ? Double(items) / records[index].wallSeconds : 0
        }
        if let cache { records[index].cache = cache }
    }

    /// Peak resident memory in MB of this process and of its largest finished child (FFmpeg),
    /// each its own (`ChildProcess.largestPeakResidentMB`).
    static func peakMemoryMB() -> (own: Double, children: Double) {
        var own = rusage()
        getrusage(RUSAGE_SELF.rawValue, &own)
        return (Double(own.ru_maxrss) / 1024, ChildProcess.largestPeakResidentMB)
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
