import LlamaTools

/// Where a variant's answer first parts from the baseline's, in tokens of the one vocabulary
/// both share, and what each model ranked next there.
///
/// The two answers are tokenized alone (no BOS, special-token text as plain text) by the same
/// tokenizer (``DivergenceProbe/locate(_:)``): the first token that differs, or the shorter
/// answer's length when one continues the other. From there each model's greedy path is
/// followed to where their most likely tokens part (``DivergenceProbe/settle(_:_:baseline:variant:)``):
/// `position` counts the answer tokens before it, both answers spell the same `offset` bytes
/// before it, and each model's candidates were asked after its own chat-templated prompt
/// followed by the `prefixTokens`; nil where they were not measured (an endpoint has no token
/// probabilities).
///
/// JSON (snake_case): `{"question_id", "form", "position", "offset", "prefix_tokens",
/// "baseline_token", "variant_token", "fact", "baseline_candidates", "variant_candidates",
/// "variant_path"}`.
public struct DivergencePoint: Codable, Sendable, Equatable {
    /// A token at the divergence: its id and the text it stands for.
    public struct Token: Codable, Sendable, Equatable {
        /// Token id in the model's vocabulary.
        public var id: Int
        /// The token's text (invalid UTF-8 replaced, as a part of a multi-byte character).
        public var text: String

        /// A token and its text.
        public init(id: Int, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// The question's (or bias probe's) id.
    public var questionID: String
    /// The form answered.
    public var form: String
    /// Index of the first differing answer token (0 = the first token of the answer).
    public var position: Int
    /// UTF-8 bytes of the common prefix: where, in both answers, the divergence starts.
    public var offset: Int
    /// The answer tokens both models produced before the divergence, in order.
    public var prefixTokens: [Int]
    /// The baseline's token at `position`; nil when its answer ended there.
    public var baselineToken: Token?
    /// The variant's token at `position`; nil when its answer ended there.
    public var variantToken: Token?
    /// The key fact whose statement in the baseline's answer contains the baseline's token at
    /// `position`; nil when it falls outside every stated fact (or the baseline's answer ended).
    public var fact: String?
    /// The baseline's most likely next tokens at `position`, most likely first.
    public var baselineCandidates: [TokenCandidate]?
    /// The variant's most likely next tokens at `position`, most likely first.
    public var variantCandidates: [TokenCandidate]?
    /// The variant's greedy path from where the tokens parted, its candidates at each step
    /// (``DivergenceProbe/walk(prompt:answer:from:divergenceByte:maxSteps:)``), until the point is
    /// settled against the baseline's; nil after.
    public var variantPath: [[TokenCandidate]]?

    /// A divergence; fields as documented on the properties.
    public init(questionID: String, form: String, position: Int, offset: Int, prefixTokens: [Int], baselineToken: Token?,
                variantToken: Token?, fact: String?, baselineCandidates: [TokenCandidate]? = nil, variantCandidates: [TokenCandidate]? = nil,
                variantPath: [[TokenCandidate]]? = nil) {
        self.questionID = questionID
        self.form = form
        self.position = position
        self.offset = offset
        self.prefixTokens = prefixTokens
        self.baselineToken = baselineToken
        self.variantToken = variantToken
        self.fact = fact
        self.baselineCandidates = baselineCandidates
        self.variantCandidates = variantCandidates
        self.variantPath = variantPath
    }

    /// Whether the baseline's token is among the variant's candidates: the variant still
    /// considered what the baseline said. Nil when the variant's candidates were not measured or
    /// the baseline's answer ended here.
    public var baselineTokenInVariantCandidates: Bool? {
        guard let variantCandidates, let baselineToken else { return nil }
        return variantCandidates.contains { $0.id == baselineToken.id }
    }

    enum CodingKeys: String, CodingKey {
        case form, position, offset, fact
        case questionID = "question_id", prefixTokens = "prefix_tokens", baselineToken = "baseline_token", variantToken = "variant_token"
        case baselineCandidates = "baseline_candidates", variantCandidates = "variant_candidates", variantPath = "variant_path"
    }
}
