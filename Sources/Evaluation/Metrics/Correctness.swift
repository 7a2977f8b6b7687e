/// Whether one answer counts as correct (docs/EVALUATION.md "Metrics"; the rule is ours).
///
/// 1. A prompt with key facts: correct when every key fact is found (``KeyFactMatcher``).
/// 2. No key facts but a reference answer: correct when the answer exactly matches the
///    reference (SQuAD v1.1 ``ExactMatch``).
/// 3. Neither: nil — the answer has no correctness and is left out of accuracy, flips and every
///    other correctness-based rate (their `n` says how many counted).
///
/// Under rules 1 and 2 an answer that ``LoopDetector`` flags is wrong whatever it contains: a
/// quant that degenerates into repeating itself can still repeat every key fact, and a user
/// would not accept that answer. So is an answer to a false premise that asserts the value the
/// premise planted (``PremiseCheck``): stating the true fact beside the wrong one is no answer.
public enum Correctness {
    /// true, false (always false for a looping answer or one asserting `planted`), or nil under rule 3.
    public static func judge(hits: [FactHit], answer: String, reference: String?, planted: KeyFact? = nil) -> Bool? {
        guard !hits.isEmpty || reference != nil else { return nil }
        if LoopDetector.isLooping(answer) { return false }
        if let planted, PremiseCheck.asserts(planted, in: answer) { return false }
        if !hits.isEmpty {
            return hits.allSatisfy(\.found)
        }
        return reference.map { ExactMatch.score(prediction: answer, reference: $0) == 1 }
    }

    /// Share of facts found, or nil when there are none.
    public static func keyFactRecall(_ hits: [FactHit]) -> Double? {
        hits.isEmpty ? nil : Double(hits.filter(\.found).count) / Double(hits.count)
    }
}
