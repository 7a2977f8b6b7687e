import LlamaTools

/// A suite prompt that cannot be answered within the server's context: its chat-templated
/// tokens plus the suite's `max_tokens` exceed the context of one slot.
public struct PromptTooLong: Error, Equatable, CustomStringConvertible {
    /// The question (or bias probe) id.
    public var questionID: String
    /// The form ("original", "paraphrase:0", "noisy:case:0", "bias:<probe>:<group>").
    public var form: String
    /// Tokens of the prompt after the chat template and system prompt, BOS included.
    public var tokens: Int
    /// The most prompt tokens that leave room for the answer: `contextSize − maxTokens`.
    public var limit: Int
    /// The server's context per slot (`GET /props` `n_ctx`), in tokens.
    public var contextSize: Int
    /// The suite's `sampling.max_tokens`.
    public var maxTokens: Int

    public var description: String {
        "question '\(questionID)' (form \(form)) is \(tokens) tokens with the chat template and system prompt, over the limit of \(limit) (server context \(contextSize) tokens per slot − max_tokens \(maxTokens)); shorten the prompt, lower sampling.max_tokens, or raise server.ctx"
    }
}

extension EvaluationRunner {
    /// Checks, before any question is sent, that every form of the suite leaves `max_tokens`
    /// of room in one slot's context; otherwise llama-server rejects the request mid-suite
    /// with a bare HTTP 400 that names no question.
    ///
    /// Counts what the server itself would count: the messages rendered by its chat template
    /// (`POST /apply-template`), tokenized with special tokens added (`POST /tokenize`
    /// with `add_special`), against `GET /props` `n_ctx` (the context of one slot).
    ///
    /// Only our own llama-server (a `ServerClient`) is checked: the OpenAI API has no template
    /// or tokenize endpoint, so a remote endpoint's overlong prompt surfaces as its own HTTP
    /// error when the question is sent.
    /// - Returns: the longest form's tokens (0 for a remote endpoint, which is not checked).
    /// - Throws: ``PromptTooLong`` for the first form over the limit, in the suite's form order;
    ///   the client's `ServerError` when the server cannot be asked.
    @discardableResult
    public func checkPromptsFit() async throws -> Int {
        guard let server = client as? ServerClient else { return 0 }
        let contextSize = try await server.props().contextSize
        let limit = contextSize - suite.sampling.maxTokens
        var longest = 0
        for prompt in suite.forms() {
            let tokens = try await promptTokens(prompt, on: server)
            guard tokens <= limit else {
                throw PromptTooLong(questionID: prompt.questionID, form: prompt.form, tokens: tokens, limit: limit,
                                    contextSize: contextSize, maxTokens: suite.sampling.maxTokens)
            }
            longest = max(longest, tokens)
        }
        return longest
    }

    /// The prompt tokens the server will evaluate for `prompt` (what it reports as
    /// `prompt_tokens`): the chat-templated messages, special tokens added, counted by
    /// `server` (the llama-server this runner's variant is served by).
    /// - Throws: `server`'s `ServerError`.
    public func promptTokens(_ prompt: Prompt, on server: ServerClient) async throws -> Int {
        try await server.promptTokens(messages(for: prompt))
    }
}
