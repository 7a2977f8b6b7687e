/// Whether one answer counts as correct (DESIGN.md "Key-fact recall"; the rule is ours).
///
/// 1. A prompt with key facts: correct when every key fact is found (``KeyFactMatcher``).
/// 2. No key facts but a reference answer: correct when the answer exactly matches the
///    reference (SQuAD v1.1 ``ExactMatch``).
/// 3. Neither: nil — the answer has no correctness and is left out of accuracy, flips and every
///    other correctness-based rate (their `n` says how many counted).
public enum Correctness {
    /// true, false, or nil under rule 3.
    public static func judge(hits: [FactHit], answer: String, reference: String?) -> Bool? {
        if !hits.isEmpty {
            return hits.allSatisfy(\.found)
        }
        guard let reference else { return nil }
        return ExactMatch.score(prediction: answer, reference: reference) == 1
    }

    /// Share of facts found, or nil when there are none.
    public static func keyFactRecall(_ hits: [FactHit]) -> Double? {
        hits.isEmpty ? nil : Double(hits.filter(\.found).count) / Double(hits.count)
    }
}
