/// Makes chosen edges part of a triangulation by flipping the edges that cross them (Sloan's
/// method). The face mesh needs the lip and eye outlines as edges so the mouth and eye
/// openings are covered only by their own triangles, which then close cleanly.
enum ConstrainedEdges {
    /// The outlines of the inner lips, outer lips and both eyes.
    static let faceOutlines: [(Int, Int)] = {
        func loop(_ indices: [Int]) -> [(Int, Int)] { indices.indices.map { (indices[$0], indices[($0 + 1) % indices.count]) } }
        return loop(FaceRig.upperLip + FaceRig.lowerLip.reversed().dropFirst().dropLast()) + loop(Array(48...59)) + loop(Array(36...41)) + loop(Array(42...47))
    }()

    /// `triangles` (vertex-index triples over `points`) with every edge in `edges` present.
    static func enforce(_ edges: [(Int, Int)], in triangles: [Int32], points: [Vec2]) -> [Int32] {
        var list = stride(from: 0, to: triangles.count, by: 3).map { [Int(triangles[$0]), Int(triangles[$0 + 1]), Int(triangles[$0 + 2])] }
        for (a, b) in edges {
            var flips = 0
            while !hasEdge(a, b, list), flips < 200 {
                guard flipOneCrossing(a, b, &list, points) else { break }
                flips += 1
            }
        }
        return list.flatMap { $0.map(Int32.init) }
    }

    private static func hasEdge(_ a: Int, _ b: Int, _ list: [[Int]]) -> Bool {
        list.contains { $0.contains(a) && $0.contains(b) }
    }

    /// Flips one edge that crosses segment a-b and whose two triangles form a convex quad.
    private static func flipOneCrossing(_ a: Int, _ b: Int, _ list: inout [[Int]], _ points: [Vec2]) -> Bool {
        for (first, triangle) in list.enumerated() {
            for corner in 0..<3 {
                let c = triangle[corner], d = triangle[(corner + 1) % 3]
                guard ![a, b].contains(c), ![a, b].contains(d),
                      properlyCross(points[a], points[b], points[c], points[d]) else { continue }
                guard let second = list.indices.first(where: { $0 != first && list[$0].contains(c) && list[$0].contains(d) }) else { continue }
                let e = triangle.first { $0 != c && $0 != d }!
                let f = list[second].first { $0 != c && $0 != d }!
                guard properlyCross(points[e], points[f], points[c], points[d]) else { continue }
                list[first] = [e, f, c]
                list[second] = [f, e, d]
                return true
            }
        }
        return false
    }

    private static func properlyCross(_ p: Vec2, _ q: Vec2, _ r: Vec2, _ s: Vec2) -> Bool {
        func side(_ a: Vec2, _ b: Vec2, _ c: Vec2) -> Double { (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) }
        let d1 = side(p, q, r), d2 = side(p, q, s), d3 = side(r, s, p), d4 = side(r, s, q)
        return d1 * d2 < 0 && d3 * d4 < 0
    }
}
