/// One question of the suite with every variant's answer to its original form, in ladder order:
/// the side by side of the write-up this project starts from.
public struct QuestionRow: Codable, Sendable, Equatable {
    /// The suite's question id.
    public var id: String
    /// The original prompt.
    public var prompt: String
    /// The suite's category, if any.
    public var category: String?
    /// The key facts' labels ("C47H51NO14", "853.9 g/mol").
    public var keyFacts: [String]
    /// One answer per variant, ladder order.
    public var answers: [QuestionAnswer]

    /// Creates the value from its fields, as listed above.
    public init(id: String, prompt: String, category: String?, keyFacts: [String], answers: [QuestionAnswer]) {
        self.id = id
        self.prompt = prompt
        self.category = category
        self.keyFacts = keyFacts
        self.answers = answers
    }

    enum CodingKeys: String, CodingKey {
        case id, prompt, category, answers
        case keyFacts = "key_facts"
    }
}
