/// One variant's answer to a question, with which key facts it kept.
public struct QuestionAnswer: Codable, Sendable, Equatable {
    /// The variant's quant type.
    public var quantType: String
    /// The answer text as the server returned it.
    public var answer: String
    /// Whether the answer counts as correct (every key fact found, and not looping).
    public var correct: Bool
    /// Each key fact and whether the answer contains it (computed by Evaluation).
    public var facts: [FactResult]
    /// Whether Evaluation's repetition-loop flag fired on the answer (an n-gram repeated back
    /// to back, `LoopDetector`); such an answer is never correct. False in reports written
    /// before the field existed.
    public var looping: Bool

    /// Creates the value from its fields, as listed above.
    public init(quantType: String, answer: String, correct: Bool, facts: [FactResult], looping: Bool = false) {
        self.quantType = quantType
        self.answer = answer
        self.correct = correct
        self.facts = facts
        self.looping = looping
    }

    /// Decodes report.json's answer; `looping` may be absent (older reports).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        quantType = try container.decode(String.self, forKey: .quantType)
        answer = try container.decode(String.self, forKey: .answer)
        correct = try container.decode(Bool.self, forKey: .correct)
        facts = try container.decode([FactResult].self, forKey: .facts)
        looping = try container.decodeIfPresent(Bool.self, forKey: .looping) ?? false
    }

    enum CodingKeys: String, CodingKey {
        case answer, correct, facts, looping
        case quantType = "quant_type"
    }
}
