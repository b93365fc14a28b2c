/// The nine mouth shapes of the Preston Blair set as Rhubarb Lip Sync names them.
///
/// A-F are the basic shapes; G, H and X are the extended ones. Avatar packs supply one
/// sprite per shape, and the built-in avatar draws each from its `MouthPose`.
public enum MouthShape: String, Sendable, Codable, CaseIterable, Comparable {
    /// Closed lips, pressed: P, B, M.
    case a = "A"
    /// Slightly open, teeth together: most consonants (K, S, T, EE).
    case b = "B"
    /// Open: EH as in "men", AE as in "bat".
    case c = "C"
    /// Wide open: AA as in "father".
    case d = "D"
    /// Slightly rounded: AO as in "off", ER as in "bird".
    case e = "E"
    /// Puckered: UW as in "you", OW as in "show", W.
    case f = "F"
    /// Upper teeth on the lower lip: F, V.
    case g = "G"
    /// Tongue raised behind the upper teeth: L.
    case h = "H"
    /// Rest: the mouth at idle, in silence.
    case x = "X"

    /// A short description for documentation and listings.
    public var summary: String {
        switch self {
        case .a: "closed lips (P, B, M)"
        case .b: "slightly open, teeth together (K, S, T, EE)"
        case .c: "open (EH, AE)"
        case .d: "wide open (AA)"
        case .e: "slightly rounded (AO, ER)"
        case .f: "puckered (UW, OW, W)"
        case .g: "upper teeth on lower lip (F, V)"
        case .h: "tongue up behind the teeth (L)"
        case .x: "rest"
        }
    }

    public static func < (lhs: MouthShape, rhs: MouthShape) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A mouth shape held from `start` to `end` seconds.
public struct MouthCue: Sendable, Codable, Equatable {
    public var shape: MouthShape
    public var start: Double
    public var end: Double

    public init(shape: MouthShape, start: Double, end: Double) {
        self.shape = shape
        self.start = start
        self.end = end
    }

    public var duration: Double { end - start }
}
