import LlamaTools

/// Asks a model for paraphrases of a suite's questions (docs/SUITE.md "Paraphrases"; the
/// write-up's 相近的同义语句): our own llama-server or an OpenAI-compatible endpoint, each
/// request seeded, so the same model, question and seed give the same paraphrases.
///
/// Each question gets up to `3 × count` requests (temperature 0.8, a new seed per request)
/// until `count` replies pass ``ParaphraseFilter``; every rejected reply is counted by reason.
public struct Paraphraser: Sendable {
    /// Where the requests go.
    public let endpoint: any ChatEndpoint
    /// Paraphrases wanted per question.
    public let count: Int
    /// The seed every request's seed is derived from.
    public let seed: UInt64

    /// A paraphraser asking `endpoint` for `count` paraphrases per question.
    public init(endpoint: any ChatEndpoint, count: Int, seed: UInt64) {
        self.endpoint = endpoint
        self.count = count
        self.seed = seed
    }

    /// What one question got: the kept paraphrases in order, and the rejected replies by reason.
    public struct Outcome: Sendable, Equatable {
        /// The paraphrases kept.
        public var kept: [String] = []
        /// Rejected replies, by reason.
        public var rejected: [ParaphraseFilter.Rejection: Int] = [:]
    }

    /// Paraphrases of `question` (whose answer states `facts`).
    /// - Throws: the endpoint's error, or `CancellationError`.
    public func paraphrases(of question: String, facts: [KeyFact], line: Int) async throws -> Outcome {
        let filter = ParaphraseFilter(original: question, facts: facts)
        let chinese = CJKText.containsCJK(question)
        let instruction = chinese
            ? "请用不同的措辞改写用户的问题，意思不变。只回复改写后的一个问题，不要回答它。"
            : "Rewrite the user's question in different words, keeping its meaning. Reply with the rewritten question only. Do not answer it."
        var outcome = Outcome()
        for attempt in 0..<(3 * count) where outcome.kept.count < count {
            try Task.checkCancellation()
            var generator = SplitMix64(mixing: [seed, UInt64(truncatingIfNeeded: line), UInt64(attempt)])
            let request = ChatRequest(messages: [ChatMessage(role: "system", content: instruction), ChatMessage(role: "user", content: question)],
                                      temperature: 0.8, seed: Int(generator.next() >> 33), maxTokens: 96)
            let reply = ParaphraseFilter.cleaned(try await endpoint.chatStreamed(request).text)
            if let rejection = filter.rejection(of: reply, kept: outcome.kept) {
                outcome.rejected[rejection, default: 0] += 1
            } else {
                outcome.kept.append(reply)
            }
        }
        return outcome
    }
}
