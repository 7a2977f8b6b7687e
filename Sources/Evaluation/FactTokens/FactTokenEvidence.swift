/// One variant's teacher-forcing evidence over a suite: per question, per key fact the baseline's
/// answer states, how the variant ranks the fact's tokens (``FactTokenProbe``).
///
/// JSON (snake_case): `{"variant", "questions": [{"question_id", "facts": [FactEvidence]}]}`.
/// ``FactRiskSummary`` turns it, with the baseline's own evidence, into the facts at risk.
public struct FactTokenEvidence: Codable, Sendable, Equatable {
    /// The facts probed in one question's baseline answer.
    public struct Question: Codable, Sendable, Equatable {
        /// The question's id in the suite.
        public var questionID: String
        /// One entry per fact the baseline's answer states, in the suite's order.
        public var facts: [FactEvidence]

        /// A question's evidence.
        public init(questionID: String, facts: [FactEvidence]) {
            self.questionID = questionID
            self.facts = facts
        }

        enum CodingKeys: String, CodingKey {
            case questionID = "question_id", facts
        }
    }

    /// The variant's name (its ladder entry's).
    public var variant: String
    /// One entry per question probed, in the order given.
    public var questions: [Question]

    /// A variant's evidence.
    public init(variant: String, questions: [Question]) {
        self.variant = variant
        self.questions = questions
    }
}
