/// Exact match as the SQuAD v1.1 evaluation script defines it (`exact_match_score`): 1 when the
/// normalised prediction equals the normalised reference, else 0 (``SQuADNormalizer``, with the
/// mixed CJK tokenisation of docs/EVALUATION.md "Metrics").
///
/// Two answers that normalise to nothing (empty, or punctuation only) match: the source compares
/// the two empty strings and finds them equal.
public enum ExactMatch {
    /// 1 or 0.
    public static func score(prediction: String, reference: String) -> Double {
        SQuADNormalizer.tokens(prediction) == SQuADNormalizer.tokens(reference) ? 1 : 0
    }
}
