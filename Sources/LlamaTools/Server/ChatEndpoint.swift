/// What the evaluation runner needs from a chat server: one streamed chat request at a time,
/// its time to first token measured on our side.
public protocol ChatEndpoint: Sendable {
    /// Sends `request` streamed and gathers the answer.
    /// - Throws: the endpoint's typed error (`ServerError` for our own llama-server).
    func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse
}

extension ServerClient: ChatEndpoint {}
