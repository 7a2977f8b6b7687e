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
        let messages = Self.examples(chinese: CJKText.containsCJK(question), question: question)
        var outcome = Outcome()
        for attempt in 0..<(3 * count) where outcome.kept.count < count {
            try Task.checkCancellation()
            var generator = SplitMix64(mixing: [seed, UInt64(truncatingIfNeeded: line), UInt64(attempt)])
            let request = ChatRequest(messages: messages, temperature: 0.8, seed: Int(generator.next() >> 33), maxTokens: 48)
            let reply = ParaphraseFilter.cleaned(try await endpoint.chatStreamed(request).text)
            if let rejection = filter.rejection(of: reply, kept: outcome.kept) {
                outcome.rejected[rejection, default: 0] += 1
            } else {
                outcome.kept.append(reply)
            }
        }
        return outcome
    }

    /// The request's messages: an instruction and two worked examples before the question. Small
    /// instruct models answer a bare "rewrite this" instead of rewriting (SmolLM2-135M wrote 2
    /// usable paraphrases in 72 tries without examples, and most tries with them).
    static func examples(chinese: Bool, question: String) -> [ChatMessage] {
        let (system, ask, pairs) = chinese
            ? ("你用不同的措辞改写问题，从不回答问题。", "用不同的措辞改写这个问题，意思不变。只回复一个问题。\n问题：",
               [("法国的首都是哪座城市？", "哪座城市是法国的首都？"), ("X200的电池能用多久？", "X200的电池续航时间是多少？")])
            : ("You rewrite questions in other words. You never answer them.",
               "Rewrite the question in other words, keeping its meaning. Reply with one question only.\nQuestion: ",
               [("What is the capital of France?", "Which city is France's capital?"),
                ("How long does the battery of the X200 last?", "What is the battery life of the X200?")])
        var messages = [ChatMessage(role: "system", content: system)]
        for (original, rewritten) in pairs {
            messages.append(ChatMessage(role: "user", content: ask + original))
            messages.append(ChatMessage(role: "assistant", content: rewritten))
        }
        messages.append(ChatMessage(role: "user", content: ask + question))
        return messages
    }
}
