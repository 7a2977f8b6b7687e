/// One probe text and the token ids a llama-server gave it (`POST /tokenize` with special
/// tokens added, as the server tokenizes a chat prompt), so two servers' tokenizers can be
/// compared id for id.
public struct ProbeTokenization: Codable, Sendable, Equatable {
    /// The text sent.
    public var text: String
    /// Its token ids, BOS included when the model adds one.
    public var tokens: [Int]

    /// A text and its ids.
    public init(text: String, tokens: [Int]) {
        self.text = text
        self.tokens = tokens
    }
}
