/// Finds a question's key facts in an answer (README "How key facts are matched"; docs/SUITE.md).
///
/// Both sides are folded first (``TextFolding``: NFKC + case folding, whitespace collapsed).
/// - A text fact is found when it occurs in the answer on word boundaries: where the fact begins
///   (ends) with a letter or digit, the answer's character just before (after) it must not be a
///   letter or digit — unless either of the two is CJK, since CJK text has no spaces. So "Rome"
///   is not found in "Romeo", "C47H51NO14" is found in "formula: C47H51NO14.", and "北京" is
///   found in "首都是北京。".
/// - A numeric fact is found when some number in the answer lies within the tolerance:
///   |x − v| ≤ rel_tol · |v| (for v = 0: x = 0). The unit is not looked for.
///   The answer's numbers are read as a careful grader reads them (``NumberScanner``): in digits
///   ("853.90", "8.539e2", "1,000", "4 608" with plain, thin or no-break spaces), in English
///   words ("four thousand six hundred and eight", "fifth", "twenty twenty-four"), as Chinese
///   numerals (六千零八, 二〇二四年, 两千), and with scale words or characters after digits
///   ("4.7 thousand", "2.5 million", 4.7万, 3千万). Each number is one value, so a longer number
///   never matches a shorter one inside it: "1,000,000", "four thousand six hundred and eight"
///   and 六千零八 do not state 1000, 608 or 8. Not read as numbers: the digits of a formula
///   (C47H51NO14 states no 47), words where they are no count or rank ("one of the largest",
///   "a second", "First, …", 之一, 一样), approximations (三四个, 七八十).
///   Negation is out of scope: "not 30" states 30, as does "thirty" in "not thirty".
public enum KeyFactMatcher {
    /// One hit per fact, in the facts' order, labelled with ``KeyFact/label``.
    public static func hits(for facts: [KeyFact], in answer: String) -> [FactHit] {
        let folded = TextFolding.fold(answer)
        let numbers = facts.contains { if case .number = $0 { true } else { false } } ? NumberScanner.numbers(in: folded) : []
        return facts.map { fact in
            switch fact {
            case .text(let text):
                return FactHit(fact: fact.label, found: containsOnWordBoundaries(folded, TextFolding.fold(text)))
            case .number(let value, let relTol, _):
                return FactHit(fact: fact.label, found: numbers.contains { matches($0, value, relTol: relTol) })
            }
        }
    }

    /// Whether `x` equals `value` within the relative tolerance.
    public static func matches(_ x: Double, _ value: Double, relTol: Double) -> Bool {
        value == 0 ? x == 0 : abs(x - value) <= relTol * abs(value)
    }

    /// Whether folded `needle` occurs in folded `haystack` on word boundaries (as above).
    static func containsOnWordBoundaries(_ haystack: String, _ needle: String) -> Bool {
        !rangesOnWordBoundaries(haystack, needle).isEmpty
    }

    /// Where folded `needle` occurs in folded `haystack` on word boundaries, left to right.
    static func rangesOnWordBoundaries(_ haystack: String, _ needle: String) -> [Range<String.Index>] {
        guard let first = needle.first, let last = needle.last else { return [] }
        return haystack.ranges(of: needle).filter { range in
            let before = range.lowerBound > haystack.startIndex ? haystack[haystack.index(before: range.lowerBound)] : nil
            let after = range.upperBound < haystack.endIndex ? haystack[range.upperBound] : nil
            return !gluedTogether(before, first) && !gluedTogether(last, after)
        }
    }

    private static func gluedTogether(_ left: Character?, _ right: Character?) -> Bool {
        guard let left, let right else { return false }
        return isWordLike(left) && isWordLike(right)
    }

    private static func isWordLike(_ character: Character) -> Bool {
        guard character.isLetter || character.isNumber else { return false }
        return !character.unicodeScalars.contains(where: CJKText.isCJK)
    }
}
