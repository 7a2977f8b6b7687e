/// A fact one of the extractors proposes, before ``KeyFactExtractor`` drops duplicates and
/// keeps the most useful within its limit.
struct FactCandidate {
    var fact: KeyFact
    var kind: ExtractedFact.Kind
    /// Character offsets of what the answer writes, which no other candidate may overlap.
    var range: Range<Int>
    /// Lower is kept first: 0 for numbers and codes, 1 for names and marked terms, 2 for the
    /// unmarked new content, which is the least sure.
    var rank: Int
}
