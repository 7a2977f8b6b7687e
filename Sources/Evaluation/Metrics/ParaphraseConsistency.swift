/// Paraphrase consistency (docs/EVALUATION.md "Metrics"; definitions ours): does a question get the same
/// verdict and a similar answer however it is worded? Taken over one question's original and
/// paraphrase forms.
///
/// - Agreement: 1 when every form with a correctness value (``Correctness``) has the same one,
///   0 otherwise; nil with fewer than two such forms. The scorer reports the share of questions
///   that agree (a rate over questions, with a Wilson interval).
/// - Similarity: the mean ROUGE-L F-measure (``RougeL``) over all pairs of the forms' answers;
///   nil with fewer than two answers.
public enum ParaphraseConsistency {
    /// Agreement of the correctness values of one question's forms.
    public static func agreement(_ correctness: [Bool?]) -> Bool? {
        let known = correctness.compactMap(\.self)
        guard known.count >= 2 else { return nil }
        return Set(known).count == 1
    }

    /// Mean pairwise ROUGE-L F-measure of one question's answers.
    public static func similarity(_ answers: [String]) -> Double? {
        PairwiseRougeL.mean(answers)
    }
}
