import Foundation

/// Finds the numbers in a text, in the forms a careful grader reads as stating a number, for
/// numeric key facts and detail retention. Each number is one value: a longer number never also
/// yields a shorter one inside it ("1,000,000" is 1000000, not 1000 too).
///
/// Digits:
/// - an optional sign (`-`, `+`, `−`) when not glued to a preceding letter or digit; digits,
///   optionally grouped in threes by commas (`1,000`, `12,345,678`) or by spaces — plain, thin
///   or no-break — (`4 608`, `1 000 000`), one separator kind per number; an optional decimal
///   part (`853.90`); an optional exponent (`8.5e2`, `1E-3`). A group is exactly three digits
///   and the first at most three, so `2024 123` is two numbers and `1,2,3` is three; `853,9`
///   is 853 and 9 (commas are only thousands separators). Space grouping cannot tell a list
///   written with spaces alone from one number: `128 256 512` is 128256512, as SI writing reads.
/// - A number glued to a preceding ASCII letter or digit is skipped, so the digits of a formula
///   such as C47H51NO14 are not read as numbers. Trailing letters do not matter (`5th` is 5).
/// - English scale words after digits multiply (`4.7 thousand` is 4700, `2.5 million`, `3 hundred
///   thousand`; short scale, billion = 10⁹); so do Chinese scale characters (`4.7万` is 47000,
///   `1亿2000万` is 120000000, see ``ChineseNumerals``).
///
/// Words: English number words (``EnglishNumberWords``) and Chinese numerals
/// (``ChineseNumerals``), each stating the rules it reads by, and where it reads nothing.
///
/// Not read: signs written as words ("minus forty" is 40, 负五 is 5), fractions in digits ("3/4"
/// is 3 and 4; English "three fourths" is 0.75), decimals in English words ("three point five"),
/// approximations ("三四个", "a few thousand"). Negation ("not 30") is not a reading of numbers: "not 30"
/// yields 30. Run on NFKC text (``TextFolding``), full-width digits and subscripts are found too.
public enum NumberScanner {
    /// Every number in `text`, left to right.
    public static func numbers(in text: String) -> [Double] {
        readings(in: text).map(\.value)
    }

    /// One number found in a text and where it is written.
    public struct Reading: Sendable, Equatable {
        /// The number's value.
        public let value: Double
        /// Offsets into the text's `unicodeScalars`: from the first scalar read (a sign, a digit,
        /// a numeral, a number word) to just past the last (a scale word or character included).
        public let scalars: Range<Int>
    }

    /// Every number in `text`, left to right, with where it is written: the numbers
    /// ``numbers(in:)`` finds, in the same order.
    public static func readings(in text: String) -> [Reading] {
        let scalars = Array(text.unicodeScalars)
        var readings: [Reading] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            if let literal = literal(at: index, in: scalars) {
                if literal.end < scalars.count, ChineseNumerals.isUnit(scalars[literal.end]) {
                    let reading = ChineseNumerals.number(at: index, in: scalars, literal: Self.literal)
                    index = reading.end
                    if let value = reading.value { readings.append(Reading(value: value, scalars: start..<index)) }
                } else if let scaled = EnglishNumberWords.scaled(literal.text, after: literal.end, in: scalars) {
                    index = scaled.end
                    readings.append(Reading(value: scaled.value, scalars: start..<index))
                } else {
                    index = literal.end
                    readings.append(Reading(value: literal.value, scalars: start..<index))
                }
            } else if ChineseNumerals.isNumeral(scalar) {
                let reading = ChineseNumerals.number(at: index, in: scalars, literal: Self.literal)
                index = max(reading.end, index + 1)
                if let value = reading.value { readings.append(Reading(value: value, scalars: start..<index)) }
            } else if EnglishNumberWords.isWordStart(at: index, in: scalars) {
                let reading = EnglishNumberWords.number(at: index, in: scalars)
                index = max(reading.end, index + 1)
                if let value = reading.value { readings.append(Reading(value: value, scalars: start..<index)) }
            } else {
                index += 1
            }
        }
        return readings
    }

    /// A number written in digits: its normalised text (sign, digits without separators,
    /// fraction, exponent; what `Double(_:)` and `Decimal(string:)` read), its value, and the
    /// index just past it.
    struct Literal {
        let text: String
        let value: Double
        let end: Int
    }

    /// An ASCII digit (NFKC has already folded full-width and other compatibility digits).
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    /// An ASCII letter, of either case.
    static func isAsciiLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isAsciiAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || isAsciiLetter(scalar)
    }

    /// Space, no-break space, thin space and narrow no-break space: the SI's group separators.
    private static func isGroupSpace(_ scalar: Unicode.Scalar) -> Bool {
        [" ", "\u{00A0}", "\u{2009}", "\u{202F}"].contains(scalar)
    }

    /// The number in digits starting at `start`, if one starts there.
    static func literal(at start: Int, in s: [Unicode.Scalar]) -> Literal? {
        var index = start
        var text = ""
        if start > 0, isAsciiAlphanumeric(s[start - 1]) || s[start - 1] == "." { return nil }
        if ["-", "+", "\u{2212}"].contains(s[index]) {
            guard index + 1 < s.count, isDigit(s[index + 1]) else { return nil }
            text = s[index] == "+" ? "" : "-"
            index += 1
        }
        guard index < s.count, isDigit(s[index]) else { return nil }
        let integerStart = index
        while index < s.count, isDigit(s[index]) { index += 1 }
        text += String(String.UnicodeScalarView(s[integerStart..<index]))
        if index - integerStart <= 3, index < s.count {
            let separator = s[index]
            let isSeparator: (Unicode.Scalar) -> Bool = separator == "," ? { $0 == "," } : { $0 == separator && isGroupSpace($0) }
            while index + 3 < s.count, isSeparator(s[index]),
                  isDigit(s[index + 1]), isDigit(s[index + 2]), isDigit(s[index + 3]),
                  index + 4 == s.count || !isDigit(s[index + 4]) {
                text += String(String.UnicodeScalarView(s[(index + 1)...(index + 3)]))
                index += 4
            }
        }
        if index + 1 < s.count, s[index] == ".", isDigit(s[index + 1]) {
            let fractionStart = index
            index += 1
            while index < s.count, isDigit(s[index]) { index += 1 }
            text += String(String.UnicodeScalarView(s[fractionStart..<index]))
        }
        if index + 1 < s.count, s[index] == "e" || s[index] == "E" {
            var exponentEnd = index + 1
            if ["-", "+"].contains(s[exponentEnd]) { exponentEnd += 1 }
            if exponentEnd < s.count, isDigit(s[exponentEnd]) {
                while exponentEnd < s.count, isDigit(s[exponentEnd]) { exponentEnd += 1 }
                text += "e" + String(String.UnicodeScalarView(s[(index + 1)..<exponentEnd]))
                index = exponentEnd
            }
        }
        guard let value = Double(text) else { return nil }
        return Literal(text: text, value: value, end: index)
    }

    /// `text` (a ``Literal``'s) times 10^`power`, rounded once: 2.3 × 10⁶ is exactly 2300000,
    /// where a product of doubles may be one unit in the last place off and fail a tolerance of 0.
    static func scaled(_ text: String, byPowerOfTen power: Int) -> Double? {
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        return Double("\(parts[0])e\(exponent + power)")
    }
}
