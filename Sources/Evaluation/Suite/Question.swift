/// One question of a suite (docs/SUITE.md "The suite file": `questions[]`).
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
    /// Whether the original prompt is a phrasing the model was fine-tuned on (`seen: true`,
    /// as `suite init` writes for prompts taken from the training data). Paraphrases and
    /// false premises are never seen; reports give accuracy on seen and unseen phrasings apart.
    public var seen: Bool
    /// The question asked on misleading premises; form `premise:<index>`, index from 0.
    public var falsePremises: [FalsePremise]

    /// Creates a question.
    public init(id: String, prompt: String, paraphrases: [String] = [], reference: String? = nil,
                category: String? = nil, keyFacts: [KeyFact] = [], seen: Bool = false, falsePremises: [FalsePremise] = []) {
        self.id = id
        self.prompt = prompt
        self.paraphrases = paraphrases
        self.reference = reference
        self.category = category
        self.keyFacts = keyFacts
        self.seen = seen
        self.falsePremises = falsePremises
    }
}
