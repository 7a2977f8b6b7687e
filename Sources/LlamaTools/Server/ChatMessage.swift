/// One message of a chat conversation, as the OpenAI-compatible API spells it.
///
/// ```swift
/// ChatMessage(role: "user", content: "What is the capital of France?")
/// ```
public struct ChatMessage: Codable, Sendable, Equatable {
    /// "system", "user" or "assistant".
    public var role: String
    /// The message text.
    public var content: String

    /// A message from `role` ("system", "user", "assistant") with `content`.
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
