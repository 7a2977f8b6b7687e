/// One baseline answer to teacher-force: the prompt it answered, the answer and the question's
/// key facts.
public struct FactProbeInput: Sendable, Equatable {
    /// The question's id in the suite.
    public var questionID: String
    /// The prompt as the server builds it for a chat request, ending with the assistant's header:
    /// `ServerClient.applyTemplate([system?, user])`.
    public var prefix: String
    /// The baseline's answer text, as it generated it after `prefix`.
    public var answer: String
    /// The question's key facts; only those `answer` states are probed.
    public var facts: [KeyFact]

    /// An answer to probe; fields as documented on the properties.
    public init(questionID: String, prefix: String, answer: String, facts: [KeyFact]) {
        self.questionID = questionID
        self.prefix = prefix
        self.answer = answer
        self.facts = facts
    }
}
