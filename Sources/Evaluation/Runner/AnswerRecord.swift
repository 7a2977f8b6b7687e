/// One answer: one line of `answers/<QUANT_TYPE>.jsonl` (docs/EVALUATION.md "Answers files").
///
/// JSON keys are snake_case and always present (absent values are `null`), in sorted order:
/// `answer, completion_tokens, facts, finish_reason, form, gen_tokens_per_s, pass, prompt,
/// prompt_tokens, prompt_tokens_per_s, question_id, suite_sha256, ttft_s, variant_sha256`.
public struct AnswerRecord: Codable, Sendable, Equatable {
    /// SHA-256 of the suite file.
    public var suiteSHA256: String
    /// SHA-256 of the variant's GGUF file.
    public var variantSHA256: String
    /// The question's (or bias probe's) id.
    public var questionID: String
    /// The form (``Prompt/form``).
    public var form: String
    /// 1, or 2 for the parallel-mode repeat of the baseline.
    public var pass: Int
    /// The user message sent.
    public var prompt: String
    /// The model's answer text.
    public var answer: String
    /// Prompt tokens as the server counted them (chat template included).
    public var promptTokens: Int
    /// Generated tokens.
    public var completionTokens: Int
    /// Time to first token in seconds, measured by the client on the streamed response.
    public var ttftS: Double?
    /// Prompt processing speed in tokens/s, from the server's `timings`.
    public var promptTokensPerS: Double?
    /// Generation speed in tokens/s, from the server's `timings`.
    public var genTokensPerS: Double?
    /// "stop" or "length" (hit max tokens), as the server reported.
    public var finishReason: String?
    /// Key-fact hits, in the suite's fact order.
    public var facts: [FactHit]

    /// Creates a record.
    public init(suiteSHA256: String, variantSHA256: String, questionID: String, form: String, pass: Int, prompt: String,
                answer: String, promptTokens: Int, completionTokens: Int, ttftS: Double?, promptTokensPerS: Double?,
                genTokensPerS: Double?, finishReason: String?, facts: [FactHit]) {
        self.suiteSHA256 = suiteSHA256
        self.variantSHA256 = variantSHA256
        self.questionID = questionID
        self.form = form
        self.pass = pass
        self.prompt = prompt
        self.answer = answer
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.ttftS = ttftS
        self.promptTokensPerS = promptTokensPerS
        self.genTokensPerS = genTokensPerS
        self.finishReason = finishReason
        self.facts = facts
    }

    /// The resume key (docs/EVALUATION.md "Answers files"): suite sha256, variant sha256, question id, form, pass.
    public var resumeKey: ResumeKey {
        ResumeKey(suiteSHA256: suiteSHA256, variantSHA256: variantSHA256, questionID: questionID, form: form, pass: pass)
    }

    enum CodingKeys: String, CodingKey {
        case suiteSHA256 = "suite_sha256", variantSHA256 = "variant_sha256", questionID = "question_id", form, pass
        case prompt, answer, promptTokens = "prompt_tokens", completionTokens = "completion_tokens", ttftS = "ttft_s"
        case promptTokensPerS = "prompt_tokens_per_s", genTokensPerS = "gen_tokens_per_s", finishReason = "finish_reason", facts
    }

    /// Encodes every key, writing `null` for absent values so every line has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(suiteSHA256, forKey: .suiteSHA256)
        try container.encode(variantSHA256, forKey: .variantSHA256)
        try container.encode(questionID, forKey: .questionID)
        try container.encode(form, forKey: .form)
        try container.encode(pass, forKey: .pass)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(answer, forKey: .answer)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(ttftS, forKey: .ttftS)
        try container.encode(promptTokensPerS, forKey: .promptTokensPerS)
        try container.encode(genTokensPerS, forKey: .genTokensPerS)
        try container.encode(finishReason, forKey: .finishReason)
        try container.encode(facts, forKey: .facts)
    }
}
