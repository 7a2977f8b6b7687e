/// Finds the numbers written in a text, whatever their formatting, for numeric key facts and
/// detail retention.
///
/// Recognised: optional sign (`-`, `+`, `−`) when not glued to a preceding letter or digit;
/// digits, optionally grouped by commas in threes (`1,000`, `12,345,678`); an optional decimal
/// part (`853.90`); an optional exponent (`8.5e2`, `1E-3`). A number glued to a preceding ASCII
/// letter or digit is skipped, so the digits of a formula such as C47H51NO14 are not read as
/// numbers. `1,2,3` is three numbers; `853,9` is 853 and 9 (commas are only thousands separators).
/// Run on NFKC text (``TextFolding``), full-width digits are found too.
public enum NumberScanner {
    /// Every number in `text`, left to right.
    public static func numbers(in text: String) -> [Double] {
        let scalars = Array(text.unicodeScalars)
        var values: [Double] = []
        var index = 0
        while index < scalars.count {
            if let (value, end) = number(at: index, in: scalars) {
                values.append(value)
                index = end
            } else {
                index += 1
            }
        }
        return values
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isAsciiAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// The number starting at `start` and the index just past it.
    private static func number(at start: Int, in s: [Unicode.Scalar]) -> (Double, Int)? {
        var index = start
        var literal = ""
        if start > 0, isAsciiAlphanumeric(s[start - 1]) || s[start - 1] == "." { return nil }
        if ["-", "+", "\u{2212}"].contains(s[index]) {
            guard index + 1 < s.count, isDigit(s[index + 1]) else { return nil }
            literal = s[index] == "+" ? "" : "-"
            index += 1
        }
        guard index < s.count, isDigit(s[index]) else { return nil }
        let integerStart = index
        while index < s.count, isDigit(s[index]) { index += 1 }
        literal += String(String.UnicodeScalarView(s[integerStart..<index]))
        if index - integerStart <= 3 {
            while index + 3 < s.count, s[index] == ",",
                  isDigit(s[index + 1]), isDigit(s[index + 2]), isDigit(s[index + 3]),
                  index + 4 == s.count || !isDigit(s[index + 4]) {
                literal += String(String.UnicodeScalarView(s[(index + 1)...(index + 3)]))
                index += 4
            }
        }
        if index + 1 < s.count, s[index] == ".", isDigit(s[index + 1]) {
            let fractionStart = index
            index += 1
            while index < s.count, isDigit(s[index]) { index += 1 }
            literal += String(String.UnicodeScalarView(s[fractionStart..<index]))
        }
        if index + 1 < s.count, s[index] == "e" || s[index] == "E" {
            var exponentEnd = index + 1
            if ["-", "+"].contains(s[exponentEnd]) { exponentEnd += 1 }
            if exponentEnd < s.count, isDigit(s[exponentEnd]) {
                while exponentEnd < s.count, isDigit(s[exponentEnd]) { exponentEnd += 1 }
                literal += String(String.UnicodeScalarView(s[index..<exponentEnd]))
                index = exponentEnd
            }
        }
        guard let value = Double(literal) else { return nil }
        return (value, index)
    }
}
