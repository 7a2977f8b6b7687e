/// Finds a question's key facts in an answer (DESIGN.md "Key-fact recall", CONTRACT.md "Suite").
///
/// Both sides are folded first (``TextFolding``: NFKC + case folding, whitespace collapsed).
/// - A text fact is found when it occurs in the answer on word boundaries: where the fact begins
///   (ends) with a letter or digit, the answer's character just before (after) it must not be a
///   letter or digit — unless either of the two is CJK, since CJK text has no spaces. So "Rome"
///   is not found in "Romeo", "C47H51NO14" is found in "formula: C47H51NO14.", and "北京" is
///   found in "首都是北京。".
/// - A numeric fact is found when some number in the answer (``NumberScanner``) lies within the
///   tolerance: |x − v| ≤ rel_tol · |v| (for v = 0: x = 0). "853.90", "8.539e2" and "853.9" all
///   match 853.9 at rel_tol 0; "1,000" matches 1000. The unit is not looked for.
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
        guard let first = needle.first, let last = needle.last else { return false }
        for range in haystack.ranges(of: needle) {
            let before = range.lowerBound > haystack.startIndex ? haystack[haystack.index(before: range.lowerBound)] : nil
            let after = range.upperBound < haystack.endIndex ? haystack[range.upperBound] : nil
            if !gluedTogether(before, first), !gluedTogether(last, after) {
                return true
            }
        }
        return false
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
