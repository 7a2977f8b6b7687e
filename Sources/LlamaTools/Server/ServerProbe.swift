import Foundation

/// What one running llama-server shows about how it runs its model, measured before the suite
/// is sent so that `ServerChecks.compare` can tell whether two servers' scores are comparable:
/// the chat template, the tokenizer's ids for fixed texts, the context of one slot, and
/// whether a prompt as long as the suite's worst case is still seen from its first token.
///
/// Encoded as snake_case JSON (`chat_template`, `chat_template_sha256`,
/// `served_chat_template_sha256`, `tokenizations`, `context_per_slot`, `slots`, `truncation`).
///
/// ```swift
/// let probe = try await ServerProbe.measure(client: server.client(), model: gguf,
///                                           firstPrompt: suite.questions[0].prompt,
///                                           longestPromptTokens: 412, maxTokens: 256)
/// probe.contextPerSlot   // 2048
/// probe.truncation.found // true
/// ```
public struct ServerProbe: Codable, Sendable, Equatable {
    /// The GGUF's `tokenizer.chat_template`; nil when it has none (llama-server then applies
    /// its built-in default, whose digest is `servedChatTemplateSHA256`).
    public var chatTemplate: String?
    /// SHA-256 (hex) of `chatTemplate`'s UTF-8 bytes; nil without a template.
    public var chatTemplateSHA256: String?
    /// SHA-256 (hex) of the template the server says it applies (`GET /props` `chat_template`;
    /// the empty string's digest when it reports none).
    public var servedChatTemplateSHA256: String
    /// `ServerProbeTexts.all(firstPrompt:)` and their ids, in that order.
    public var tokenizations: [ProbeTokenization]
    /// Tokens of context one slot holds (`GET /props` `default_generation_settings.n_ctx`).
    /// Measured on llama.cpp build 11434: with `-c 1024 -np 2` it reports 512 (`-c` split over
    /// the slots, as the log's `n_ctx_slot` says), and 1024 with `--kv-unified`, where every
    /// slot may fill the whole shared cache.
    public var contextPerSlot: Int
    /// Parallel slots (`GET /props` `total_slots`).
    public var slots: Int
    /// The truncation probe's result.
    public var truncation: TruncationProbe

    enum CodingKeys: String, CodingKey {
        case tokenizations, slots, truncation
        case chatTemplate = "chat_template", chatTemplateSHA256 = "chat_template_sha256"
        case servedChatTemplateSHA256 = "served_chat_template_sha256", contextPerSlot = "context_per_slot"
    }

    /// A probe as documented on the properties; `chatTemplateSHA256` is computed from `chatTemplate`.
    public init(chatTemplate: String?, servedChatTemplateSHA256: String, tokenizations: [ProbeTokenization],
                contextPerSlot: Int, slots: Int, truncation: TruncationProbe) {
        self.chatTemplate = chatTemplate
        chatTemplateSHA256 = chatTemplate.map { FileDigest.sha256(of: Data($0.utf8)) }
        self.servedChatTemplateSHA256 = servedChatTemplateSHA256
        self.tokenizations = tokenizations
        self.contextPerSlot = contextPerSlot
        self.slots = slots
        self.truncation = truncation
    }

    /// Probes the server behind `client`, which serves `model`.
    /// - Parameters:
    ///   - client: the server's client; every request is its own, no prompt cache reused.
    ///   - model: the GGUF the server was started with (`-m`); only its header is read.
    ///   - firstPrompt: the suite's first prompt, tokenized after the fixed texts.
    ///   - longestPromptTokens: the suite's longest chat-templated prompt, in tokens
    ///     (`EvaluationRunner.promptTokens` on the baseline).
    ///   - maxTokens: the suite's `sampling.max_tokens`.
    /// - Throws: `GGUFError` when `model`'s header cannot be read; the client's `ServerError`
    ///   when a request fails (except the truncation probe's refusal, which is recorded);
    ///   `CancellationError`.
    public static func measure(client: ServerClient, model: URL, firstPrompt: String,
                               longestPromptTokens: Int, maxTokens: Int) async throws -> ServerProbe {
        let template = try GGUFInfo.read(model).chatTemplate
        let props = try await client.props()
        var tokenizations: [ProbeTokenization] = []
        for text in ServerProbeTexts.all(firstPrompt: firstPrompt) {
            tokenizations.append(ProbeTokenization(text: text, tokens: try await client.tokenize(text, addSpecial: true)))
        }
        let truncation = try await TruncationProbe.run(client: client, targetTokens: longestPromptTokens + maxTokens)
        return ServerProbe(chatTemplate: template, servedChatTemplateSHA256: FileDigest.sha256(of: Data((props.chatTemplate ?? "").utf8)),
                           tokenizations: tokenizations, contextPerSlot: props.contextSize, slots: props.totalSlots,
                           truncation: truncation)
    }
}
