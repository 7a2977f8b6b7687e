/// A question where some variants' answers changed correctness between the revisions.
public struct QuestionChange: Codable, Sendable, Equatable {
    /// The question id.
    public var id: String
    /// The original prompt.
    public var prompt: String
    /// The variants whose correctness changed.
    public var changes: [AnswerChange]
}
