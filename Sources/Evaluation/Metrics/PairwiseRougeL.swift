/// The mean ROUGE-L F-measure (``RougeL``) over all unordered pairs of a set of answers: how alike
/// answers to the same content are (paraphrase consistency, bias similarity). ROUGE-L F is
/// symmetric, so each pair is scored once.
public enum PairwiseRougeL {
    /// The mean over the n(n−1)/2 pairs, or nil with fewer than two answers.
    public static func mean(_ answers: [String]) -> Double? {
        guard answers.count >= 2 else { return nil }
        var sum = 0.0
        var pairs = 0
        for i in 0..<answers.count {
            for j in (i + 1)..<answers.count {
                sum += RougeL.fMeasure(prediction: answers[i], reference: answers[j])
                pairs += 1
            }
        }
        return sum / Double(pairs)
    }
}
