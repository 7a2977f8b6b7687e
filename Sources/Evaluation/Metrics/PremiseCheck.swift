/// Whether an answer asserts the wrong value a false premise planted (docs/SUITE.md "False
/// premises"). The rule is ours.
///
/// The answer is folded (``TextFolding``) and every place it states the planted value is found as
/// ``KeyFactMatcher`` finds a fact: a text on word boundaries, a number within the planted fact's
/// tolerance in any writing ``NumberScanner`` reads. A place is a correction, not an assertion,
/// when its clause (the text between the nearest `.,;:!?` or their CJK forms, at most 40
/// characters either side) negates it:
/// - before it: "not", "n't", "never", "no", "rather than", "instead of", "contrary to", "unlike",
///   不 (不是, 而不是, 并不), 并非, 而非, 没有;
/// - after it: "is incorrect", "is wrong", "is not correct", "is a mistake", "is false",
///   "was incorrect", "was wrong", 是错误, 是错的, 不对, 不正确, 有误.
/// So "founded in 1987, not 1992" and "1992 is incorrect" do not assert 1992, while "No, it was
/// founded in 1992" does (the "No" stands in another clause). The answer asserts the planted
/// value when at least one place is not a correction.
public enum PremiseCheck {
    /// Whether `answer` asserts `planted` (see above).
    public static func asserts(_ planted: KeyFact, in answer: String) -> Bool {
        let folded = TextFolding.fold(answer)
        let scalars = Array(folded.unicodeScalars)
        return places(of: planted, in: folded).contains { place in !isCorrection(place, in: scalars) }
    }

    /// Offsets into the folded text's scalars of each place the value is stated.
    private static func places(of planted: KeyFact, in folded: String) -> [Range<Int>] {
        switch planted {
        case .text(let text):
            let view = folded.unicodeScalars
            return KeyFactMatcher.rangesOnWordBoundaries(folded, TextFolding.fold(text)).map { range in
                view.distance(from: view.startIndex, to: range.lowerBound)..<view.distance(from: view.startIndex, to: range.upperBound)
            }
        case .number(let value, let relTol, _):
            return NumberScanner.readings(in: folded)
                .filter { KeyFactMatcher.matches($0.value, value, relTol: relTol) }
                .map(\.scalars)
        }
    }

    private static let window = 40
    private static let clauseEnds: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", "\n", "。", "，", "；", "：", "！", "？", "、"]
    private static let negationsBefore = ["not", "n't", "never", "no", "rather than", "instead of", "contrary to", "unlike"]
    private static let cjkNegationsBefore = ["不", "并非", "而非", "没有"]
    private static let negationsAfter = ["is incorrect", "is wrong", "is not correct", "is a mistake", "is false",
                                         "was incorrect", "was wrong", "是错误", "是错的", "不对", "不正确", "有误"]

    private static func isCorrection(_ place: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        var start = place.lowerBound
        while start > 0, place.lowerBound - start < window, !clauseEnds.contains(scalars[start - 1]) { start -= 1 }
        var end = place.upperBound
        while end < scalars.count, end - place.upperBound < window, !clauseEnds.contains(scalars[end]) { end += 1 }
        let before = String(String.UnicodeScalarView(scalars[start..<place.lowerBound]))
        let after = String(String.UnicodeScalarView(scalars[place.upperBound..<end]))
        let words = " " + before.unicodeScalars.map { isWordScalar($0) ? String($0) : " " }.joined() + " "
        if negationsBefore.contains(where: { cue in
            cue == "n't" ? before.contains("n't") || before.contains("n’t") : words.contains(" \(cue) ")
        }) { return true }
        if cjkNegationsBefore.contains(where: before.contains) { return true }
        return negationsAfter.contains(where: after.contains)
    }

    /// Letters, digits and the apostrophes of English contractions ("isn't" stays one word).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "'" || scalar == "’"
    }
}
