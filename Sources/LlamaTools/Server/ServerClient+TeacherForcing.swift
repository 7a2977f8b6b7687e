/// Teacher forcing on llama-server: tokens with their bytes, and the ranking of the next token
/// after a sequence of token ids, one position per request.
extension ServerClient: TeacherForcingEndpoint {
    /// `POST /tokenize` with `with_pieces: true`: the tokens of `text` and the bytes of each, as
    /// this server's tokenizer splits it.
    /// - Parameters:
    ///   - addSpecial: add the model's BOS (and other special tokens its vocabulary adds), as the
    ///     server does for a chat request.
    ///   - parseSpecial: read special-token text such as `<|im_start|>` as one token, as the server
    ///     does for a chat-templated prompt; true by default.
    /// - Throws: `ServerError` or `CancellationError`.
    public func tokenizeWithPieces(_ text: String, addSpecial: Bool, parseSpecial: Bool = true) async throws -> [TokenPiece] {
        let body = ServerWireFormat.PiecedTokenizeBody(content: text, addSpecial: addSpecial, parseSpecial: parseSpecial)
        return try await post("/tokenize", body, as: ServerWireFormat.PiecedTokenizeReply.self)
            .tokens.map { TokenPiece(id: $0.id, bytes: $0.bytes) }
    }

    /// `POST /completion` with `promptTokens` as the prompt, `n_predict: 1` and `n_probs: count`:
    /// the model's `count` most likely next tokens with their raw log-probabilities (softmax of
    /// the logits over the vocabulary, before sampling), most likely first.
    ///
    /// `cache_prompt: true`, so asking position after position of one sequence only evaluates
    /// the new tokens. The token the server samples (and appends to its cache) is pinned to an
    /// ASCII one, so that a next token ending inside a UTF-8 sequence still gets its candidates
    /// reported (see `ServerWireFormat.NextTokenBody`). llama.cpp warns that logits are not guaranteed bit-identical between
    /// batch sizes, so a near tie may rank differently than in one pass.
    /// - Parameters:
    ///   - promptTokens: the sequence so far, non-empty (the server refuses an empty prompt).
    ///   - count: candidates to report, ≥ 1.
    /// - Throws: `ServerError.httpStatus` (400 for an empty prompt or one longer than the
    ///   context), `.decodingFailed` when the reply carries no candidates, or the transport's errors.
    public func nextTokenCandidates(promptTokens: [Int], count: Int) async throws -> [TokenCandidate] {
        let endpoint = "/completion"
        let reply = try await post(endpoint, ServerWireFormat.NextTokenBody(prompt: promptTokens, nProbs: count),
                                   as: ServerWireFormat.CompletionReply.self)
        guard let position = reply.completionProbabilities?.first, !position.topLogprobs.isEmpty else {
            throw ServerError.decodingFailed(endpoint: endpoint, reason: "the reply has no completion_probabilities for the next token")
        }
        return position.topLogprobs.map { TokenCandidate(id: $0.id, piece: $0.token, logprob: $0.logprob) }
    }
}
