/// One variant's answer to one question that was correct in one revision and wrong in the other.
public struct AnswerChange: Codable, Sendable, Equatable {
    /// The quant type.
    public var quantType: String
    /// Correctness in A and B.
    public var correctA: Bool
    public var correctB: Bool
    /// Key facts found in A's answer but not in B's, and the reverse.
    public var lostFacts: [String]
    public var gainedFacts: [String]
    /// The two answers.
    public var answerA: String
    public var answerB: String

    enum CodingKeys: String, CodingKey {
        case quantType = "quant_type"
        case correctA = "correct_a"
        case correctB = "correct_b"
        case lostFacts = "lost_facts"
        case gainedFacts = "gained_facts"
        case answerA = "answer_a"
        case answerB = "answer_b"
    }
}
