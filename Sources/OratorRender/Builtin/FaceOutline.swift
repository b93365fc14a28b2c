/// The silhouette of the face, projected for the head's turn, with the chin lowered as the
/// jaw opens.
///
/// The outline is a closed chain of cubic curves through the temples, cheeks, jaw and chin.
/// Each point carries a depth: the sides are the silhouette (depth 0) and stay nearly put when
/// the head turns, while the chin lies in front and swings with it.
struct FaceOutline {
    /// A front-view point, its depth, and how much of the jaw's drop it follows.
    private struct Node {
        var x: Double
        var y: Double
        var depth: Double
        var jaw: Double
    }

    /// The right half, top to chin, as (control 1, control 2, end) triples after the start node.
    private static let top = Node(x: 500, y: 195, depth: 0, jaw: 0)
    private static let rightHalf: [(Node, Node, Node)] = [
        (Node(x: 598, y: 195, depth: 0, jaw: 0), Node(x: 670, y: 268, depth: 0, jaw: 0),
         Node(x: 672, y: 405, depth: 0, jaw: 0)),
        (Node(x: 674, y: 478, depth: 5, jaw: 0.05), Node(x: 660, y: 544, depth: 25, jaw: 0.3),
         Node(x: 620, y: 600, depth: 50, jaw: 0.55)),
        (Node(x: 590, y: 640, depth: 80, jaw: 0.85), Node(x: 552, y: 660, depth: 105, jaw: 1),
         Node(x: 500, y: 660, depth: 115, jaw: 1)),
    ]

    let pose: HeadPose
    let chinDrop: Double

    private func place(_ node: Node, mirrored: Bool) -> (x: Double, y: Double) {
        let x = mirrored ? 2 * Anatomy.headX - node.x : node.x
        return pose.project(x, node.y + node.jaw * chinDrop, depth: node.depth)
    }

    /// Adds the closed outline to the canvas path.
    func trace(on canvas: CairoCanvas) {
        let start = place(Self.top, mirrored: false)
        canvas.move(start.x, start.y)
        for (c1, c2, end) in Self.rightHalf {
            let a = place(c1, mirrored: false)
            let b = place(c2, mirrored: false)
            let e = place(end, mirrored: false)
            canvas.curve(a.x, a.y, b.x, b.y, e.x, e.y)
        }
        // Back up the left half: the same curves mirrored and reversed.
        let nodes = [Self.top] + Self.rightHalf.flatMap { [$0.0, $0.1, $0.2] }
        var index = nodes.count - 1
        while index >= 3 {
            let a = place(nodes[index - 1], mirrored: true)
            let b = place(nodes[index - 2], mirrored: true)
            let e = place(nodes[index - 3], mirrored: true)
            canvas.curve(a.x, a.y, b.x, b.y, e.x, e.y)
            index -= 3
        }
        canvas.close()
    }
}
