/// What evaluation needs from a chat server: one streamed chat completion at a time, or several
/// in parallel from different tasks.
///
/// `ServerClient` (our own llama-server on loopback) and `RemoteChatClient` (an
/// OpenAI-compatible endpoint someone else serves) conform, so the evaluation runner does not
/// care which one answers.
public protocol ChatEndpoint: Sendable {
    /// Sends `request` with `stream: true` and returns the whole answer once the stream ends.
    ///
    /// `ttftSeconds` is measured on the client side: from sending the request to the first
    /// chunk whose delta carries non-empty content. `promptTokens` and `completionTokens` are
    /// the server's counts (0 when it sent none).
    /// - Throws: the conforming client's typed error (`ServerError`, `RemoteChatError`), or
    ///   `CancellationError` when the task is cancelled.
    func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse
}

extension ServerClient: ChatEndpoint {}
