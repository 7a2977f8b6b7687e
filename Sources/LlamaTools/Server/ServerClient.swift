import Foundation

/// HTTP client for one llama-server: chat (plain and streamed), native completion with token
/// probabilities, props, metrics, tokenization and chat-template application.
///
/// Every method throws `ServerError` (`.unauthorized` on 401, `.httpStatus` on other non-2xx
/// replies, `.decodingFailed`, `.transport`) or `CancellationError` when its task is cancelled.
/// The API key is sent as `Authorization: Bearer` and never appears in descriptions or errors.
///
/// ```swift
/// let client = ServerClient(baseURL: URL(string: "http://127.0.0.1:8080")!)
/// let answer = try await client.chatStreamed(ChatRequest(
///     messages: [ChatMessage(role: "user", content: "What is 2+2?")], temperature: 0, seed: 42, maxTokens: 32))
/// print(answer.text, answer.ttftSeconds ?? 0)
/// ```
public struct ServerClient: Sendable {
    /// The server's root, e.g. `http://127.0.0.1:8080`.
    public let baseURL: URL
    /// Longest a request may take, and longest it may wait between two received chunks.
    public let timeout: Duration
    private let transport: HTTPTransport

    /// - Parameters:
    ///   - baseURL: the server's root URL.
    ///   - apiKey: the server's API key, if it was started with one.
    ///   - timeout: per-request limit (default 600 s).
    public init(baseURL: URL, apiKey: String? = nil, timeout: Duration = .seconds(600)) {
        self.baseURL = baseURL
        self.timeout = timeout
        transport = HTTPTransport(baseURL: baseURL, apiKey: apiKey.map(RedactedSecret.init(value:)), timeout: timeout)
    }

    /// `GET /health`: true when the model is loaded (200), false while it loads (503).
    public func health() async throws -> Bool {
        let endpoint = "/health"
        let (status, body) = try await transport.send(transport.request(endpoint), endpoint: endpoint)
        if status == 503 { return false }
        try HTTPTransport.checkStatus(status, body: body, endpoint: endpoint)
        return true
    }

    /// `POST /v1/chat/completions` without streaming. `ttftSeconds` stays nil.
    public func chat(_ request: ChatRequest) async throws -> ChatResponse {
        let endpoint = "/v1/chat/completions"
        let start = ContinuousClock.now
        let reply = try await post(endpoint, request.body(stream: false), as: ServerWireFormat.ChatReply.self)
        guard let choice = reply.choices.first else {
            throw ServerError.decodingFailed(endpoint: endpoint, reason: "the reply has no choices")
        }
        return ChatResponse(text: choice.message.content ?? "", finishReason: choice.finishReason,
                            promptTokens: reply.usage?.promptTokens ?? reply.timings?.promptN ?? 0,
                            completionTokens: reply.usage?.completionTokens ?? reply.timings?.predictedN ?? 0,
                            ttftSeconds: nil, wallSeconds: start.duration(to: .now).seconds, timings: reply.timings)
    }

    /// `POST /v1/chat/completions` with `stream: true`, reading server-sent events as they
    /// arrive. Fills `ttftSeconds`: from sending the request to the first chunk with non-empty
    /// content (the role-only opening chunk does not count).
    public func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
        let endpoint = "/v1/chat/completions"
        let start = ContinuousClock.now
        let body = ServerWireFormat.StreamedChatBody(base: request.body(stream: true))
        var text = ""
        var ttft: Double?
        var finishReason: String?
        var usage: ServerWireFormat.Usage?
        var timings: ServerTimings?
        for try await payload in transport.events(try transport.request(endpoint, json: body), endpoint: endpoint) {
            if payload == "[DONE]" { break }
            let chunk = try decode(ServerWireFormat.ChatChunk.self, from: Data(payload.utf8), endpoint: endpoint)
            if let error = chunk.error {
                throw ServerError.httpStatus(endpoint: endpoint, status: error.code ?? 500, body: error.message ?? payload)
            }
            for choice in chunk.choices ?? [] {
                if let content = choice.delta?.content, !content.isEmpty {
                    if ttft == nil { ttft = start.duration(to: .now).seconds }
                    text += content
                }
                if let reason = choice.finishReason { finishReason = reason }
            }
            usage = chunk.usage ?? usage
            timings = chunk.timings ?? timings
        }
        try Task.checkCancellation()
        return ChatResponse(text: text, finishReason: finishReason,
                            promptTokens: usage?.promptTokens ?? timings?.promptN ?? 0,
                            completionTokens: usage?.completionTokens ?? timings?.predictedN ?? 0,
                            ttftSeconds: ttft, wallSeconds: start.duration(to: .now).seconds, timings: timings)
    }

    /// `POST /completion` (native, no chat template) with `n_probs` and `cache_prompt: false`.
    /// - Parameters:
    ///   - prompt: raw prompt text.
    ///   - maxTokens: tokens to generate (`n_predict`).
    ///   - nProbs: candidates reported per generated token.
    ///   - temperature: sampling temperature; 0 is greedy.
    ///   - seed: RNG seed.
    public func completion(prompt: String, maxTokens: Int, nProbs: Int, temperature: Double, seed: Int) async throws -> CompletionResponse {
        let start = ContinuousClock.now
        let body = ServerWireFormat.CompletionBody(prompt: prompt, nPredict: maxTokens, nProbs: nProbs, temperature: temperature, seed: seed)
        let reply = try await post("/completion", body, as: ServerWireFormat.CompletionReply.self)
        return CompletionResponse(content: reply.content, stopType: reply.stopType, tokensPredicted: reply.tokensPredicted,
                                  tokensEvaluated: reply.tokensEvaluated, probabilities: reply.completionProbabilities ?? [],
                                  timings: reply.timings, wallSeconds: start.duration(to: .now).seconds)
    }

    /// `GET /props`.
    public func props() async throws -> ServerProps {
        let reply = try await get("/props", as: ServerWireFormat.PropsReply.self)
        return ServerProps(contextSize: reply.defaultGenerationSettings.nCtx, totalSlots: reply.totalSlots,
                           modelPath: reply.modelPath, buildInfo: reply.buildInfo, chatTemplate: reply.chatTemplate)
    }

    /// `GET /metrics` (the server runs with `--metrics`): Prometheus sample name → value, e.g.
    /// `"llamacpp:tokens_predicted_total"` (tokens) or `"llamacpp:prompt_seconds_total"` (seconds).
    /// Metric meanings: llama.cpp tools/server/README.md, "Available metrics".
    public func metrics() async throws -> [String: Double] {
        let endpoint = "/metrics"
        let (status, body) = try await transport.send(transport.request(endpoint), endpoint: endpoint)
        try HTTPTransport.checkStatus(status, body: body, endpoint: endpoint)
        return PrometheusText.parse(String(decoding: body, as: UTF8.self))
    }

    /// `POST /tokenize`: token ids of `text` with the server's tokenizer; special-token text
    /// such as `<|im_start|>` counts as one token.
    /// - Parameter addSpecial: add the model's BOS (and other special tokens its vocabulary adds),
    ///   as the server does for a chat request; false by default.
    public func tokenize(_ text: String, addSpecial: Bool = false) async throws -> [Int] {
        try await post("/tokenize", ServerWireFormat.TokenizeBody(content: text, addSpecial: addSpecial),
                       as: ServerWireFormat.TokenizeReply.self).tokens
    }

    /// The prompt tokens the server evaluates for `messages` (what it reports as
    /// `prompt_tokens`): the messages rendered by its chat template, tokenized with special
    /// tokens added.
    public func promptTokens(_ messages: [ChatMessage]) async throws -> Int {
        try await tokenize(try await applyTemplate(messages), addSpecial: true).count
    }

    /// `POST /apply-template`: the prompt text the server would build from `messages` with the
    /// chat template it serves (llama.cpp tools/server/README.md, `POST /apply-template`),
    /// without generating anything.
    public func applyTemplate(_ messages: [ChatMessage]) async throws -> String {
        try await post("/apply-template", ServerWireFormat.ApplyTemplateBody(messages: messages),
                       as: ServerWireFormat.ApplyTemplateReply.self).prompt
    }

    private func get<Reply: Decodable>(_ endpoint: String, as type: Reply.Type) async throws -> Reply {
        let (status, body) = try await transport.send(transport.request(endpoint), endpoint: endpoint)
        try HTTPTransport.checkStatus(status, body: body, endpoint: endpoint)
        return try decode(type, from: body, endpoint: endpoint)
    }

    func post<Reply: Decodable>(_ endpoint: String, _ json: some Encodable, as type: Reply.Type) async throws -> Reply {
        let (status, body) = try await transport.send(transport.request(endpoint, json: json), endpoint: endpoint)
        try HTTPTransport.checkStatus(status, body: body, endpoint: endpoint)
        return try decode(type, from: body, endpoint: endpoint)
    }

    private func decode<Reply: Decodable>(_ type: Reply.Type, from data: Data, endpoint: String) throws(ServerError) -> Reply {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .decodingFailed(endpoint: endpoint, reason: "\(error); reply begins: \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
    }
}
