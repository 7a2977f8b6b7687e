/// Where a variant's answers first part from the baseline's, token by token, and what each
/// model ranked next there (llama-server `/completion` with `n_probs` after the chat-templated
/// prompt and the common prefix; llama.cpp tools/server/README.md).
///
/// `compared` prompts were answered by both; each one whose answers differ has a ``Point``.
/// The summary figures are computed from the points and written beside them in report.json:
///
/// ```json
/// {"compared": 20, "variant_top_k_measured": true, "diverged_share": 0.45, "median_position": 7,
///  "in_fact_share": 0.33, "baseline_token_in_top_k_share": 0.89, "points": [Point]}
/// ```
public struct TokenDivergence: Codable, Sendable, Equatable {
    /// One of a model's most likely next tokens and its probability (0…1, softmax of the logits
    /// before sampling).
    public struct Candidate: Codable, Sendable, Equatable {
        /// The token's text.
        public var token: String
        /// Its probability, 0…1.
        public var probability: Double

        /// A candidate token.
        public init(token: String, probability: Double) {
            self.token = token
            self.probability = probability
        }
    }

    /// One answer's first divergence.
    ///
    /// JSON: `{"question_id", "form", "position", "offset", "baseline_token", "variant_token",
    /// "fact", "baseline_top_k", "variant_top_k", "baseline_token_in_variant_top_k",
    /// "variant_answer"}`.
    public struct Point: Codable, Sendable, Equatable {
        /// The question's (or bias probe's) id.
        public var questionID: String
        /// The form answered ("original", "paraphrase:1" …).
        public var form: String
        /// Index of the first answer token that differs, from 0.
        public var position: Int
        /// UTF-8 bytes both answers share before it: where the mark goes in either answer.
        public var offset: Int
        /// The baseline's token there; nil when its answer ended there.
        public var baselineToken: String?
        /// The variant's token there; nil when its answer ended there.
        public var variantToken: String?
        /// The key fact whose statement in the baseline's answer holds the baseline's token, or nil.
        public var fact: String?
        /// The baseline's most likely next tokens, most likely first; nil when not measured.
        public var baselineTopK: [Candidate]?
        /// The variant's most likely next tokens, most likely first; nil when not measured (an
        /// endpoint gives no token probabilities).
        public var variantTopK: [Candidate]?
        /// Whether the baseline's token is among `variantTopK`; nil when that was not measured
        /// or the baseline's answer ended.
        public var baselineTokenInVariantTopK: Bool?
        /// The variant's answer, where the views place the mark (the side by side shows only
        /// the original forms).
        public var variantAnswer: String

        /// A divergence; fields as documented on the properties.
        public init(questionID: String, form: String, position: Int, offset: Int, baselineToken: String?, variantToken: String?,
                    fact: String?, baselineTopK: [Candidate]?, variantTopK: [Candidate]?, baselineTokenInVariantTopK: Bool?,
                    variantAnswer: String) {
            self.questionID = questionID
            self.form = form
            self.position = position
            self.offset = offset
            self.baselineToken = baselineToken
            self.variantToken = variantToken
            self.fact = fact
            self.baselineTopK = baselineTopK
            self.variantTopK = variantTopK
            self.baselineTokenInVariantTopK = baselineTokenInVariantTopK
            self.variantAnswer = variantAnswer
        }

        enum CodingKeys: String, CodingKey {
            case form, position, offset, fact
            case questionID = "question_id", baselineToken = "baseline_token", variantToken = "variant_token"
            case baselineTopK = "baseline_top_k", variantTopK = "variant_top_k", baselineTokenInVariantTopK = "baseline_token_in_variant_top_k"
            case variantAnswer = "variant_answer"
        }

        /// Decodes report.json's point; `variant_answer` may be absent (reports written before
        /// it was kept), and is then "".
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            questionID = try container.decode(String.self, forKey: .questionID)
            form = try container.decode(String.self, forKey: .form)
            position = try container.decode(Int.self, forKey: .position)
            offset = try container.decode(Int.self, forKey: .offset)
            baselineToken = try container.decodeIfPresent(String.self, forKey: .baselineToken)
            variantToken = try container.decodeIfPresent(String.self, forKey: .variantToken)
            fact = try container.decodeIfPresent(String.self, forKey: .fact)
            baselineTopK = try container.decodeIfPresent([Candidate].self, forKey: .baselineTopK)
            variantTopK = try container.decodeIfPresent([Candidate].self, forKey: .variantTopK)
            baselineTokenInVariantTopK = try container.decodeIfPresent(Bool.self, forKey: .baselineTokenInVariantTopK)
            variantAnswer = try container.decodeIfPresent(String.self, forKey: .variantAnswer) ?? ""
        }
    }

    /// Prompts both models answered.
    public var compared: Int
    /// Whether the variant's own candidates were measured (false for an endpoint).
    public var variantTopKMeasured: Bool
    /// One per compared prompt whose answers differ, in the suite's form order.
    public var points: [Point]

    /// A variant's divergences; fields as documented on the properties.
    public init(compared: Int, variantTopKMeasured: Bool, points: [Point]) {
        self.compared = compared
        self.variantTopKMeasured = variantTopKMeasured
        self.points = points
    }

    /// The share of compared answers that differ from the baseline's; nil when none was compared.
    public var divergedShare: Double? {
        compared > 0 ? Double(points.count) / Double(compared) : nil
    }

    /// The median first-divergence position over the diverging answers (the mean of the two
    /// middle ones for an even count); nil when none diverges.
    public var medianPosition: Double? {
        let sorted = points.map(\.position).sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The share of divergences whose baseline token lies inside a stated key fact; nil when
    /// none diverges.
    public var inFactShare: Double? {
        points.isEmpty ? nil : Double(points.filter { $0.fact != nil }.count) / Double(points.count)
    }

    /// The share of divergences where the variant still ranked the baseline's token among its
    /// top k, over those where that was measured; nil when none was.
    public var baselineTokenInTopKShare: Double? {
        let measured = points.compactMap(\.baselineTokenInVariantTopK)
        return measured.isEmpty ? nil : Double(measured.filter { $0 }.count) / Double(measured.count)
    }

    /// The point of `questionID`'s `form`, if its answers diverge.
    public func point(questionID: String, form: String) -> Point? {
        points.first { $0.questionID == questionID && $0.form == form }
    }

    enum CodingKeys: String, CodingKey {
        case compared, points
        case variantTopKMeasured = "variant_top_k_measured", divergedShare = "diverged_share", medianPosition = "median_position"
        case inFactShare = "in_fact_share", baselineTokenInTopKShare = "baseline_token_in_top_k_share"
    }

    /// Decodes report.json's object; the summary figures are recomputed from the points.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        compared = try container.decode(Int.self, forKey: .compared)
        variantTopKMeasured = try container.decode(Bool.self, forKey: .variantTopKMeasured)
        points = try container.decode([Point].self, forKey: .points)
    }

    /// Encodes the points with the summary figures beside them (left out where there is none).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(compared, forKey: .compared)
        try container.encode(variantTopKMeasured, forKey: .variantTopKMeasured)
        try container.encodeIfPresent(divergedShare, forKey: .divergedShare)
        try container.encodeIfPresent(medianPosition, forKey: .medianPosition)
        try container.encodeIfPresent(inFactShare, forKey: .inFactShare)
        try container.encodeIfPresent(baselineTokenInTopKShare, forKey: .baselineTokenInTopKShare)
        try container.encode(points, forKey: .points)
    }
}
