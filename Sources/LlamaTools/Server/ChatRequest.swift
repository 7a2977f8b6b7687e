/// A request to `/v1/chat/completions`, with the sampling settings an evaluation fixes.
///
/// Evaluation sends `cachePrompt: false`: llama-server reuses the KV cache of an earlier
/// request by default, and logits are not bit-identical across batch sizes, so a cached prefix
/// can change a greedy answer (llama.cpp tools/server/README.md, `cache_prompt`).
///
/// ```swift
/// let request = ChatRequest(messages: [ChatMessage(role: "user", content: "2+2?")],
///                           temperature: 0, seed: 42, maxTokens: 64)
/// ```
public struct ChatRequest: Sendable, Equatable {
    /// The conversation so far.
    public var messages: [ChatMessage]
    /// Sampling temperature; 0 is greedy.
    public var temperature: Double
    /// RNG seed for sampling.
    public var seed: Int
    /// Most tokens to generate (`max_tokens`).
    public var maxTokens: Int
    /// Whether the server may reuse a cached prompt prefix (`cache_prompt`); false by default.
    public var cachePrompt: Bool = false

    /// A request with the given sampling settings; `cachePrompt` defaults to false for evaluation.
    public init(messages: [ChatMessage], temperature: Double, seed: Int, maxTokens: Int, cachePrompt: Bool = false) {
        self.messages = messages
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
        self.cachePrompt = cachePrompt
    }

    /// The JSON body, snake_case as llama-server expects.
    func body(stream: Bool) -> Body {
        Body(messages: messages, temperature: temperature, seed: seed, maxTokens: maxTokens,
             cachePrompt: cachePrompt, stream: stream)
    }

    struct Body: Encodable {
        let messages: [ChatMessage]
        let temperature: Double
        let seed: Int
        let maxTokens: Int
        let cachePrompt: Bool
        let stream: Bool

        enum CodingKeys: String, CodingKey {
            case messages, temperature, seed, stream
            case maxTokens = "max_tokens", cachePrompt = "cache_prompt"
        }
    }
}
