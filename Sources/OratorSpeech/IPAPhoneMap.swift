import OratorCore

/// Maps IPA phoneme names (as libespeak-ng reports them in IPA mode) onto the ARPAbet `Phone`
/// set. Works for any espeak-ng language: unknown vowels fall back to the nearest open/rounded
/// class, unknown consonants to a neutral consonant, and anything without letters is silence.
public enum IPAPhoneMap {
    /// Two-symbol sounds whose mouth differs from their first symbol's.
    private static let clusters: [String: Phone] = [
        "aɪ": .ay, "aʊ": .aw, "eɪ": .ey, "oʊ": .ow, "əʊ": .ow, "ɔɪ": .oy, "tʃ": .ch, "dʒ": .jh,
        "ɪə": .ih, "eə": .eh, "ʊə": .uh, "ɑɹ": .aa, "ɔɹ": .ao, "ɚ": .er, "ɝ": .er,
    ]

    private static let singles: [Character: Phone] = [
        // vowels
        "a": .aa, "ɑ": .aa, "ɒ": .ao, "æ": .ae, "ɐ": .ah, "ʌ": .ah, "ə": .ah, "ɜ": .er, "ɚ": .er,
        "e": .ey, "ɛ": .eh, "i": .iy, "ɪ": .ih, "ɨ": .ih, "y": .uw, "ʏ": .uh, "ø": .uh, "œ": .eh,
        "o": .ow, "ɔ": .ao, "u": .uw, "ʊ": .uh, "ɯ": .uw, "ɵ": .uh, "ɘ": .ah, "ɤ": .ah,
        // consonants
        "p": .p, "b": .b, "m": .m, "ɱ": .m, "f": .f, "v": .v, "ʋ": .v, "θ": .th, "ð": .dh,
        "t": .t, "d": .d, "n": .n, "s": .s, "z": .z, "ʃ": .sh, "ʒ": .zh, "ɕ": .sh, "ʑ": .zh,
        "k": .k, "ɡ": .g, "g": .g, "ŋ": .ng, "x": .hh, "χ": .hh, "ɣ": .g, "h": .hh, "ɦ": .hh,
        "l": .l, "ɫ": .l, "ʎ": .l, "ɬ": .l, "ɹ": .r, "r": .r, "ɾ": .d, "ʁ": .r, "ɻ": .r,
        "w": .w, "ʍ": .w, "j": .y, "ɲ": .n, "c": .k, "ɟ": .g, "q": .k, "ʔ": .silence,
    ]

    /// The ARPAbet phone for one IPA phoneme name.
    public static func phone(for symbol: String) -> Phone {
        let stripped = symbol.filter { !"ˈˌːˑ̃ʰʲʷ̩̯͡‿-".contains($0) }
        guard stripped.contains(where: \.isLetter) else { return .silence }
        for length in [2] where stripped.count >= length {
            if let phone = clusters[String(stripped.prefix(length))] { return phone }
        }
        if let first = stripped.first, let phone = singles[first] { return phone }
        return .ah
    }
}
