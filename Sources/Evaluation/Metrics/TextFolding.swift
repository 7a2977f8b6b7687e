import Foundation

/// The comparison form of text for key facts: Unicode NFKC, then full case folding, then NFKC
/// again (Unicode's NFKC_Casefold recipe, UAX #15 / §3.13 of the Unicode Standard), with every
/// run of whitespace collapsed to one space.
///
/// So "ＣＡＲＢＯＰＬＡＴＩＮ", "Carboplatin" and "carboplatin" compare equal, "Straße" equals
/// "STRASSE", and full-width digits become ASCII digits.
public enum TextFolding {
    /// The folded text.
    public static func fold(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
