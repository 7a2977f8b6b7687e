/// The answer to a `ChatRequest`, with client- and server-side timing.
public struct ChatResponse: Sendable, Equatable {
    /// The assistant's text.
    public var text: String
    /// Why generation stopped: "stop" (end of turn or stop word) or "length" (`maxTokens` reached).
    public var finishReason: String?
    /// Prompt tokens, as the server counted them (`usage.prompt_tokens`).
    public var promptTokens: Int
    /// Generated tokens (`usage.completion_tokens`).
    public var completionTokens: Int
    /// Time to first token, in seconds: from sending the request to the first SSE chunk whose
    /// delta carries non-empty content, measured by the client. Streamed requests only.
    public var ttftSeconds: Double?
    /// Client-side wall time of the whole request, in seconds.
    public var wallSeconds: Double
    /// The server's own timings, when it sent them.
    public var timings: ServerTimings?

    /// A response; fields as documented on the properties.
    public init(text: String, finishReason: String?, promptTokens: Int, completionTokens: Int,
                ttftSeconds: Double?, wallSeconds: Double, timings: ServerTimings?) {
        self.text = text
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.ttftSeconds = ttftSeconds
        self.wallSeconds = wallSeconds
        self.timings = timings
    }
}
