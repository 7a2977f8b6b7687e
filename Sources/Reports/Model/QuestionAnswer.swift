/// One variant's answer to a question, with which key facts it kept.
public struct QuestionAnswer: Codable, Sendable, Equatable {
    /// The variant's quant type.
    public var quantType: String
    /// The answer text as the server returned it.
    public var answer: String
    /// Whether the answer counts as correct (every key fact found).
    public var correct: Bool
    /// Each key fact and whether the answer contains it (computed by Evaluation).
    public var facts: [FactResult]

    /// Creates the value from its fields, as listed above.
    public init(quantType: String, answer: String, correct: Bool, facts: [FactResult]) {
        self.quantType = quantType
        self.answer = answer
        self.correct = correct
        self.facts = facts
    }

    enum CodingKeys: String, CodingKey {
        case answer, correct, facts
        case quantType = "quant_type"
    }
}
