import LlamaTools

extension Suite {
    /// The conversation a question is asked in: the suite's system prompt, if any, then `user`.
    /// Every request of the suite, the domain corpus and the teacher-forced prompts use it, so
    /// they all see the prompt the answers were given to.
    public func messages(user: String) -> [ChatMessage] {
        (systemPrompt.map { [ChatMessage(role: "system", content: $0)] } ?? []) + [ChatMessage(role: "user", content: user)]
    }
}
