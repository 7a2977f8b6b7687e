/// The scores of one answer, for `quantorch score`'s per-question listing
/// (``Scorer/answerScores(suite:answers:baseline:)``). JSON keys snake_case.
public struct AnswerScore: Codable, Sendable, Equatable {
    /// The question's (or bias probe's) id.
    public var questionID: String
    /// The form.
    public var form: String
    /// The answer text.
    public var answer: String
    /// ``Correctness``: true, false, or nil when the prompt has neither key facts nor a reference.
    public var correct: Bool?
    /// Key-fact hits recomputed from the suite.
    public var facts: [FactHit]
    /// Share of key facts found, nil without key facts.
    public var keyFactRecall: Double?
    /// SQuAD exact match against the reference, nil without one.
    public var exactMatch: Double?
    /// SQuAD token F1 against the reference, nil without one.
    public var tokenF1: Double?
    /// ROUGE-L F-measure against the reference, nil without one.
    public var rougeL: Double?
    /// seq-rep-2 within the answer, nil under two tokens.
    public var rep2: Double?
    /// The repetition-loop flag.
    public var looping: Bool
    /// The baseline's correctness on the same prompt, when a baseline was given and answered it.
    public var baselineCorrect: Bool?
    /// Detail retention against the baseline's answer, nil when not defined.
    public var detailRetention: Double?

    enum CodingKeys: String, CodingKey {
        case questionID = "question_id", form, answer, correct, facts, keyFactRecall = "key_fact_recall"
        case exactMatch = "exact_match", tokenF1 = "token_f1", rougeL = "rouge_l", rep2 = "rep_2", looping
        case baselineCorrect = "baseline_correct", detailRetention = "detail_retention"
    }
}
