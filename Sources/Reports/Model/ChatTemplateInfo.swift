/// Which chat template llama-server applied to a variant's prompts.
///
/// A GGUF without `tokenizer.chat_template` is still served: llama-server falls back to its
/// built-in default (ChatML), and the answers then say little about the model as trained, so
/// the report records where each variant's template came from and its hash.
public struct ChatTemplateInfo: Codable, Sendable, Equatable {
    /// `source` of a template read from the GGUF's `tokenizer.chat_template` metadata.
    public static let fromGGUF = "gguf"
    /// `source` when the GGUF has none and llama-server used its own (`GET /props` `chat_template`).
    public static let serverDefault = "server default"

    /// sha256 of the template text, 64 lowercase hex digits.
    public var sha256: String
    /// ``fromGGUF`` or ``serverDefault``.
    public var source: String

    /// Creates the value from its fields, as listed above.
    public init(sha256: String, source: String) {
        self.sha256 = sha256
        self.source = source
    }
}
