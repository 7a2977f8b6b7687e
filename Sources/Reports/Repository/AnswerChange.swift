/// One variant's answer to one question that was correct in one revision and wrong in the other.
public struct AnswerChange: Codable, Sendable, Equatable {
    /// The quant type.
    public var quantType: String
    /// Correct in A.
    public var correctA: Bool
    /// Correct in B.
    public var correctB: Bool
    /// Key facts A's answer has and B's lacks.
    public var lostFacts: [String]
    /// Key facts B's answer has and A's lacked.
    public var gainedFacts: [String]
    /// The answer in A.
    public var answerA: String
    /// The answer in B.
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
