import OratorCore

/// Parsing of Rhubarb's `--extendedShapes` value.
public enum ExtendedShapes {
    /// The shapes named in `text`, a subset of "GHX" in any order and case; "" means none
    /// (the six basic shapes only). Disabled shapes are drawn as Rhubarb does: G as B, H as C,
    /// X as A.
    public static func parse(_ text: String) throws(OratorError) -> Set<MouthShape> {
        var shapes: Set<MouthShape> = []
        for character in text.uppercased() where !character.isWhitespace {
            guard let shape = MouthShape(rawValue: String(character)), [.g, .h, .x].contains(shape) else {
                throw OratorError(.invalidInput, "invalid extended shapes '\(text)': use letters from GHX, or \"\" for the six basic shapes")
            }
            shapes.insert(shape)
        }
        return shapes
    }
}
