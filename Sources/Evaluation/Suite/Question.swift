/// One question of a suite (CONTRACT.md "Suite": `questions[]`).
public struct Question: Sendable, Equatable {
    /// Unique within the suite (questions and bias probes together); no spaces or `:`.
    public var id: String
    /// The prompt sent as the user message for the `original` form.
    public var prompt: String
    /// Other wordings of the same question; form `paraphrase:<index>`, index from 0.
    public var paraphrases: [String]
    /// A reference answer for exact match, token F1 and ROUGE-L, when given.
    public var reference: String?
    /// A free label for grouping in reports.
    public var category: String?
    /// Facts a correct answer contains (``Correctness`` states the rule).
    public var keyFacts: [KeyFact]

    /// Creates a question.
    public init(id: String, prompt: String, paraphrases: [String] = [], reference: String? = nil,
                category: String? = nil, keyFacts: [KeyFact] = []) {
        self.id = id
        self.prompt = prompt
        self.paraphrases = paraphrases
        self.reference = reference
        self.category = category
        self.keyFacts = keyFacts
    }
}
