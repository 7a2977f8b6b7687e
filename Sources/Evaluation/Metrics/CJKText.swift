/// Which characters the mixed tokenisation (docs/EVALUATION.md "Metrics") treats as CJK.
///
/// SQuAD's and rouge-score's tokenisers drop CJK characters or glue a whole Chinese sentence into
/// one token. As the CMRC 2018 evaluation does for Chinese, every CJK character becomes a token
/// of its own and CJK punctuation is stripped like ASCII punctuation. Text containing none of
/// the characters below is tokenised exactly as the sources do.
public enum CJKText {
    /// A CJK character: CJK Unified Ideographs and their extensions A–H, CJK Compatibility
    /// Ideographs (and Supplement), Hiragana, Katakana (and Phonetic Extensions), Hangul syllables.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0x20000...0x2FA1F, 0x30000...0x323AF,
             0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xAC00...0xD7AF:
            return true
        default:
            return false
        }
    }

    /// CJK punctuation: the punctuation and symbols of the CJK Symbols and Punctuation block
    /// (U+3000–303F, except the ideographic iteration and number marks 々〆〇), and the
    /// punctuation of the Halfwidth and Fullwidth Forms block (，。！？：；（）【】「」 and the like).
    /// In text that contains a CJK character, the marks Chinese typesetting borrows from other
    /// blocks count too: “ ” ‘ ’ … — · and the ideographic space.
    public static func isCJKPunctuation(_ scalar: Unicode.Scalar, inCJKText: Bool) -> Bool {
        switch scalar.value {
        case 0x3000...0x303F:
            return ![0x3005, 0x3006, 0x3007].contains(scalar.value)
        case 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
            return true
        case 0x201C, 0x201D, 0x2018, 0x2019, 0x2026, 0x2014, 0x00B7:
            return inCJKText
        default:
            return false
        }
    }

    /// Whether `text` contains at least one CJK character.
    public static func containsCJK(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isCJK)
    }
}
