/// Token F1 as the SQuAD v1.1 evaluation script defines it (`f1_score`), with the mixed CJK
/// tokenisation of docs/EVALUATION.md "Metrics" (``SQuADNormalizer``).
///
/// shared = size of the multiset intersection of prediction and reference tokens; 0 when nothing
/// is shared (which includes either side normalising to no tokens, even both: v1.1 returns 0
/// there); else precision = shared / prediction tokens, recall = shared / reference tokens,
/// F1 = 2PR / (P + R). Example: "Paris France" vs "Paris": P = 1/2, R = 1, F1 = 2/3.
public enum TokenF1 {
    /// F1 in 0…1.
    public static func score(prediction: String, reference: String) -> Double {
        let predicted = SQuADNormalizer.tokens(prediction)
        let expected = SQuADNormalizer.tokens(reference)
        var remaining: [String: Int] = [:]
        for token in expected { remaining[token, default: 0] += 1 }
        var shared = 0
        for token in predicted where remaining[token, default: 0] > 0 {
            remaining[token, default: 0] -= 1
            shared += 1
        }
        guard shared > 0 else { return 0 }
        let precision = Double(shared) / Double(predicted.count)
        let recall = Double(shared) / Double(expected.count)
        return 2 * precision * recall / (precision + recall)
    }
}
