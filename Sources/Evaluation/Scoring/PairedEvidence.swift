/// The paired comparison of a variant's answers with the baseline's that the verdict reads
/// (``VerdictEvidence``), recomputed from the suite like every other score.
public enum PairedEvidence {
    /// The 2×2 table of original-form correctness, and per question the baseline's key-fact
    /// recall minus the variant's on each of its forms (original, paraphrases, noisy) that has
    /// key facts and was answered on both sides; questions with no such form are left out.
    /// Bias probes are not questions and are not counted. Pass-1 answers only.
    public static func of(suite: Suite, answers: [AnswerRecord], baseline: [AnswerRecord])
        -> (correctness: PairedCorrectness, recallDifferences: [[Double]]) {
        let pass = ScoredPass(suite: suite, records: answers, pass: 1)
        let base = ScoredPass(suite: suite, records: baseline, pass: 1)
        let table = PairedCorrectness(baseline: base.correctness, variant: pass.correctness)
        var byQuestion: [String: [Double]] = [:]
        for answer in pass.answers {
            guard let before = base.byKey[answer.formKey],
                  let variantRecall = Correctness.keyFactRecall(answer.hits),
                  let baselineRecall = Correctness.keyFactRecall(before.hits) else { continue }
            byQuestion[answer.record.questionID, default: []].append(baselineRecall - variantRecall)
        }
        let differences = suite.questions.compactMap { byQuestion[$0.id] }
        return (table, differences)
    }
}
