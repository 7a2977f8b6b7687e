/// Extracts the key facts of a reference answer, as a careful reader would list them, for
/// `quantorch suite init`: the facts a model's answer must state to be correct, each one
/// ``KeyFactMatcher`` finds in the answer it came from.
///
/// What is extracted, by kind (each kind's type states its rules):
/// - numbers with their unit, tolerant to the precision written (``NumberFacts``);
/// - codes of letters and digits (``CodeFacts``);
/// - terms in quotes or brackets (``QuotedTerms``);
/// - Chinese names and product terms by suffix and middle dot (``ChineseTermCues``);
/// - proper names, capitalised sequences (``NameFacts``);
/// - the answer's new content words where none of the above marks them, when the above found
///   at most one fact, and not before a number or code (``NewContentTerm``).
///
/// What is not: anything the question already states — its numbers, its names (even in part),
/// its codes and terms — since repeating the question recalls nothing; list markers, ordinals
/// in words, and sentence-opening capitals that are no names.
///
/// The facts do not overlap in the answer: a number inside a code or a quoted term is part of
/// that, not a fact of its own. Duplicates (the same number again, a name contained in one
/// found before) are dropped. Where there are more than `limit`, numbers and codes are kept
/// first, then names and marked terms, then the new content term, each in answer order: a
/// careful reader lists the few things the answer is about.
public enum KeyFactExtractor {
    /// The key facts of `answer` that `question` does not already state, in answer order,
    /// without duplicates, at most `limit`.
    public static func facts(in answer: String, question: String, limit: Int = 4) -> [ExtractedFact] {
        guard limit > 0 else { return [] }
        let text = AnswerText(answer)
        let question = QuestionText(question)
        var kept: [FactCandidate] = []
        func add(_ candidates: [FactCandidate]) {
            for candidate in candidates.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
            where !kept.contains(where: { $0.range.overlaps(candidate.range) || repeats(candidate.fact, $0.fact) })
                && KeyFactMatcher.hits(for: [candidate.fact], in: answer)[0].found {
                kept.append(candidate)
            }
        }
        add(CodeFacts.candidates(in: text, question: question))
        add(QuotedTerms.candidates(in: text, question: question))
        add(NumberFacts.candidates(in: text, question: question))
        add(ChineseTermCues.candidates(in: text, question: question))
        add(NameFacts.candidates(in: text, question: question))
        // Where the cues found two facts or more, the answer is about them, and its remaining
        // words mostly name what they are ("the molecular weight is 853.9 g/mol"); before a
        // number or code they say how it is stated ("holds 28 doses"), which no answer must
        // repeat, while after it they qualify it ("25 mg twice daily").
        if kept.count <= 1, let term = NewContentTerm.candidate(in: text, question: question, taken: kept.map(\.range)),
           !kept.contains(where: { ($0.kind == .number || $0.kind == .code) && term.range.lowerBound < $0.range.upperBound }) {
            add([term])
        }
        let distinct = kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let chosen = distinct.enumerated()
            .sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .prefix(limit)
            .sorted { $0.offset < $1.offset }
        return chosen.map { ExtractedFact(fact: $0.element.fact, kind: $0.element.kind, written: text.string($0.element.range)) }
    }

    /// Whether `fact` says nothing `earlier` does not: the same number, or text found inside it.
    private static func repeats(_ fact: KeyFact, _ earlier: KeyFact) -> Bool {
        switch (fact, earlier) {
        case (.number(let value, _, _), .number(let earlierValue, let relTol, _)):
            return KeyFactMatcher.matches(value, earlierValue, relTol: relTol)
        case (.text(let text), .text(let earlierText)):
            let folded = TextFolding.fold(text)
            let earlierFolded = TextFolding.fold(earlierText)
            return KeyFactMatcher.containsOnWordBoundaries(earlierFolded, folded)
        default:
            return false
        }
    }
}
