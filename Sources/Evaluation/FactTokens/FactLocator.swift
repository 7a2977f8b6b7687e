/// Finds where an answer states a key fact, by the same rules as ``KeyFactMatcher``: a fact it
/// finds has at least one statement here, and one it does not find has none.
///
/// - A text fact: each occurrence of the folded fact in the folded answer on word boundaries
///   (``TextFolding``, NFKC + case folding), named by the original characters that fold into it,
///   so "PARIS" and "ＰＡＲＩＳ" are where "Paris" is stated.
/// - A numeric fact: each number ``NumberScanner`` reads within the tolerance, named by the
///   characters it was read from ("150" in "a dose of 150 mg daily", "1,000" for 1000, "four
///   thousand" for 4000). The unit is not part of the statement, as it is not looked for.
public enum FactLocator {
    /// Every statement of `fact` in `answer`, left to right; empty when the answer does not state
    /// it, or when its folded form cannot be mapped back to its characters (see ``FoldedText``).
    public static func statements(of fact: KeyFact, in answer: String) -> [FactStatement] {
        guard let text = FoldedText(answer) else { return [] }
        let scalarRanges: [Range<Int>]
        switch fact {
        case .text(let needle):
            scalarRanges = KeyFactMatcher.rangesOnWordBoundaries(text.folded, TextFolding.fold(needle)).map(text.scalarOffsets(of:))
        case .number(let value, let relTol, _):
            scalarRanges = NumberScanner.readings(in: text.folded)
                .filter { KeyFactMatcher.matches($0.value, value, relTol: relTol) }
                .map(\.scalars)
        }
        return scalarRanges.filter { !$0.isEmpty }.map { FactStatement(utf8: text.originalUTF8(ofScalars: $0)) }
    }
}
