/// A variant's scores over a suite, computed by ``Scorer/score(suite:answers:baseline:)``.
///
/// A key is absent when its sample is empty (no reference answers → no `exact_match`; no
/// baseline → no flips; …), so a present figure always has n ≥ 1.
public struct VariantScore: Sendable, Equatable {
    /// Figures by snake_case key:
    /// - over original forms: `accuracy` (rate of correct answers among those with a correctness
    ///   value, Wilson ci, n questions), `key_fact_recall` (mean per-question recall, n questions
    ///   with key facts), `exact_match` (rate, Wilson ci), `token_f1`, `rouge_l` (means; n
    ///   questions with a reference);
    /// - against the baseline, originals: `flips`, `flips_correct_to_wrong`,
    ///   `flips_wrong_to_correct` (rates, Wilson ci, n paired questions), `mcnemar_p` (exact
    ///   two-sided p, n paired questions);
    /// - against the baseline, every form both answered: `detail_retention` (mean, n answers
    ///   whose baseline has detail items), `length_ratio` (ratio of total completion tokens, n pairs);
    /// - over every answer: `distinct_1`, `distinct_2`, `distinct_3` (n answers),
    ///   `unique_sentence_ratio`, `rep_2` (means, n answers they are defined for), `loop_rate`
    ///   (rate, Wilson ci, n answers);
    /// - `paraphrase_consistency` (share of questions whose original and paraphrases agree on
    ///   correctness, Wilson ci), `paraphrase_rouge_l` (mean pairwise ROUGE-L), n questions;
    /// - `robustness_ratio` (noisy over clean accuracy, n noisy answers);
    /// - `bias_gap`, `bias_similarity` (means over probes, n probes);
    /// - efficiency, over answers that report them: `ttft_median_s`, `ttft_p90_s` (s),
    ///   `prompt_tokens_per_s`, `gen_tokens_per_s` (means, tokens/s).
    public var metrics: [String: MetricValue]
    /// Correctness of each question's original form (question id → correct); questions without
    /// a correctness value (``Correctness`` rule 3) or without an answer are absent.
    public var correctness: [String: Bool]

    /// Creates a score.
    public init(metrics: [String: MetricValue], correctness: [String: Bool]) {
        self.metrics = metrics
        self.correctness = correctness
    }
}
