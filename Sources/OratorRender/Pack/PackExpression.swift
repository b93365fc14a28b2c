import OratorCore

/// The optional expression sprites of an avatar pack (`expressions` in avatar.json): for a
/// smile and a frown, a set of mouths drawn instead of the plain ones while the expression is
/// at least half on; for each, an overlay drawn centred on the eyes anchor, faded in with the
/// expression (raised cheeks and narrowed eyes for a smile, brows up, brows down, wide eyes).
enum PackExpression: String, CaseIterable, Sendable, Comparable {
    case smile, frown, browsUp, browsDown, eyesWide

    /// Only these may bring their own mouths.
    var takesMouths: Bool { self == .smile || self == .frown }

    /// How strongly `motion` shows this expression, 0...1.
    func amount(in motion: MotionFrame) -> Double {
        let value: Float
        switch self {
        case .smile: value = max(motion.smile, motion.cheekRaise)
        case .frown: value = motion.mouthFrown
        case .browsUp: value = motion.browRaise
        case .browsDown: value = -motion.browRaise
        case .eyesWide: value = motion.eyeWiden
        }
        return Double(max(0, min(1, value)))
    }

    static func < (a: PackExpression, b: PackExpression) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The files of one expression in a manifest.
struct PackExpressionFiles: Equatable, Sendable {
    var mouths: [MouthShape: String] = [:]
    var overlay: String?
}
