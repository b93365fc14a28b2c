import Foundation

/// A monotonic mapping between the frames of two feature sequences.
struct WarpPath: Sendable {
    /// Matched (reference frame, query frame) pairs in order; both indices never decrease.
    var pairs: [(reference: Int32, query: Int32)] = []
    /// Mean frame distance along the path: low when the two sequences say the same thing.
    var meanCost: Double = 0
}

/// Dynamic time warping in overlapping windows, so that memory stays flat however long the
/// recording is: each window solves a rectangle of at most `windowFrames` reference frames, keeps
/// the first three quarters of its best path, and the next window starts where that part ends.
///
/// The reference is the recording, the query the synthesized transcript.
struct WindowedTimeWarper: Sendable {
    /// Reference frames per window (100 per second).
    var windowFrames = 2000
    /// How much longer than the average speaking-rate ratio a window's query span may be.
    var slack = 1.5
    /// Share of each window's path that is kept; the rest is solved again by the next window,
    /// so that no boundary is decided near a window's open end.
    var keptFraction = 0.75
    /// Extra query frames per window beyond the rate estimate.
    var margin = 150
    /// Upper bound on query frames per window, which bounds memory.
    var maximumQueryFrames = 9000

    func align(reference: FeatureMatrix, query: FeatureMatrix) -> WarpPath {
        let total = reference.rows, queryTotal = query.rows
        guard total > 0, queryTotal > 0 else { return WarpPath() }
        var path = WarpPath()
        path.pairs.reserveCapacity(total + queryTotal)
        var costSum = 0.0
        var anchor = (reference: 0, query: 0)
        while true {
            let referenceLeft = total - anchor.reference, queryLeft = queryTotal - anchor.query
            let rows = min(windowFrames, referenceLeft)
            let isLast = rows == referenceLeft
            let ratio = Double(queryLeft) / Double(referenceLeft)
            let wanted = isLast ? queryLeft : Int(Double(rows) * ratio * slack) + margin
            let columns = max(1, min(queryLeft, wanted, maximumQueryFrames))
            let window = solve(reference, query, from: anchor, rows: rows, columns: columns,
                               mustEndAtCorner: isLast && columns == queryLeft)
            let reachedQueryEnd = window.last.map { Int($0.query) == anchor.query + columns - 1 } ?? true
            let finished = isLast || (reachedQueryEnd && columns == queryLeft)
            if finished {
                for pair in window {
                    path.pairs.append(pair)
                    costSum += Double(reference.distance(Int(pair.reference), query, Int(pair.query)))
                }
                break
            }
            let keepUntil = Int32(anchor.reference + max(1, Int(Double(rows) * keptFraction)))
            // Normally the path crosses the row where the kept part ends; if it left through the
            // last column before that, continue from its end instead.
            let next = window.firstIndex(where: { $0.reference >= keepUntil }) ?? (window.count - 1)
            guard next > 0 else { break }
            for pair in window[..<next] {
                path.pairs.append(pair)
                costSum += Double(reference.distance(Int(pair.reference), query, Int(pair.query)))
            }
            anchor = (Int(window[next].reference), Int(window[next].query))
        }
        // Whatever is left of either sequence hangs on the other's last frame.
        var last = path.pairs.last ?? (0, 0)
        if path.pairs.isEmpty { path.pairs.append(last) }
        while Int(last.reference) < total - 1 || Int(last.query) < queryTotal - 1 {
            last = (min(last.reference + 1, Int32(total - 1)), min(last.query + 1, Int32(queryTotal - 1)))
            path.pairs.append(last)
            costSum += Double(reference.distance(Int(last.reference), query, Int(last.query)))
        }
        path.meanCost = path.pairs.isEmpty ? 0 : costSum / Double(path.pairs.count)
        return path
    }

    /// Rows of a matrix as 16-lane vectors (zero-padded), so one distance is a few vector
    /// instructions; cepstra have 13 dimensions.
    static func vectors(_ matrix: FeatureMatrix, rows: Range<Int>) -> [SIMD16<Float>] {
        precondition(matrix.dimensions <= 16, "alignment features have at most 16 dimensions")
        return rows.map { row in
            var vector = SIMD16<Float>()
            for index in 0..<matrix.dimensions { vector[index] = matrix.values[row * matrix.dimensions + index] }
            return vector
        }
    }

    /// Best path through one window starting at `origin`; it ends at the far corner, or, when the
    /// window is not the last, at the cheapest (length-normalized) cell of the last row or column.
    private func solve(_ reference: FeatureMatrix, _ query: FeatureMatrix, from origin: (reference: Int, query: Int),
                       rows: Int, columns: Int, mustEndAtCorner: Bool) -> [(reference: Int32, query: Int32)] {
        var steps = [UInt8](repeating: 0, count: rows * columns)
        var lastColumn = [Float](repeating: .infinity, count: rows)
        let ref = Self.vectors(reference, rows: origin.reference..<origin.reference + rows)
        let qry = Self.vectors(query, rows: origin.query..<origin.query + columns)
        // Two rows of accumulated cost, swapped after each row; freed when the window is done.
        var previous = UnsafeMutableBufferPointer<Float>.allocate(capacity: columns)
        var current = UnsafeMutableBufferPointer<Float>.allocate(capacity: columns)
        defer { previous.deallocate(); current.deallocate() }
        previous.initialize(repeating: .infinity)
        current.initialize(repeating: .infinity)
        steps.withUnsafeMutableBufferPointer { step in
            qry.withUnsafeBufferPointer { qry in
                for row in 0..<rows {
                    let a = ref[row], base = row * columns
                    for column in 0..<columns {
                        let difference = a - qry[column]
                        let distance = (difference * difference).sum().squareRoot()
                        if row == 0 && column == 0 { current[0] = distance; continue }
                        var best = Float.infinity, move: UInt8 = 0
                        if row > 0 {
                            if column > 0, previous[column - 1] < best { best = previous[column - 1] }
                            if previous[column] < best { best = previous[column]; move = 1 }
                        }
                        if column > 0, current[column - 1] < best { best = current[column - 1]; move = 2 }
                        current[column] = best + distance
                        step[base + column] = move
                    }
                    lastColumn[row] = current[columns - 1]
                    swap(&previous, &current)
                }
            }
        }
        // `previous` now holds the last row.
        var end = (row: rows - 1, column: columns - 1)
        if !mustEndAtCorner {
            var best = Float.infinity
            for column in 0..<columns {
                let score = previous[column] / Float(rows + column)
                if score < best { best = score; end = (rows - 1, column) }
            }
            for row in 0..<rows {
                let score = lastColumn[row] / Float(row + columns)
                if score < best { best = score; end = (row, columns - 1) }
            }
        }
        var pairs: [(reference: Int32, query: Int32)] = []
        var cell = end
        while true {
            pairs.append((Int32(origin.reference + cell.row), Int32(origin.query + cell.column)))
            if cell.row == 0 && cell.column == 0 { break }
            switch steps[cell.row * columns + cell.column] {
            case 0: cell = (cell.row - 1, cell.column - 1)
            case 1: cell = (cell.row - 1, cell.column)
            default: cell = (cell.row, cell.column - 1)
            }
        }
        return pairs.reversed()
    }
}
