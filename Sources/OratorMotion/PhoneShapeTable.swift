import OratorCore

/// The phone-to-mouth-shape table. Documented in docs/lip-sync.md.
///
/// Diphthongs glide between two shapes: `shapes(for:)` returns the shape held first and the one
/// reached at the end (the same shape twice for a steady sound).
public enum PhoneShapeTable {
    /// The shape a phone starts in and the one it ends in.
    public static func shapes(for phone: Phone) -> (start: MouthShape, end: MouthShape) {
        switch phone {
        case .ay: (.c, .b)      // "eye": open, then spread
        case .aw: (.c, .f)      // "cow": open, then rounded
        case .ey: (.c, .b)      // "say": open, then spread
        case .ow: (.e, .f)      // "show": rounded, then puckered
        case .oy: (.e, .b)      // "boy": rounded, then spread
        default: (shape(for: phone), shape(for: phone))
        }
    }

    /// The single shape that best represents a phone.
    public static func shape(for phone: Phone) -> MouthShape {
        switch phone {
        case .p, .b, .m: .a
        case .aa, .aw: .d
        case .ae, .ah, .eh, .ay, .ey: .c
        case .ao, .er, .uh, .ow, .oy, .r: .e
        case .uw, .w: .f
        case .f, .v: .g
        case .l: .h
        case .iy, .ih, .y, .ch, .jh, .sh, .zh, .s, .z, .t, .d, .n, .ng, .k, .g, .th, .dh, .hh: .b
        case .silence: .x
        }
    }

    /// Shapes with the jaw clearly open (used for open/closed agreement and tweening).
    public static func isOpen(_ shape: MouthShape) -> Bool {
        switch shape {
        case .c, .d, .e, .h: true
        default: false
        }
    }
}
