/// What teacher forcing needs from a model server: a tokenizer that says which bytes each token
/// stands for, and the model's ranking of the next token after a given sequence of token ids.
///
/// `ServerClient` conforms; tests may conform with hand-made data.
public protocol TeacherForcingEndpoint: Sendable {
    /// The tokens of `text` with their bytes, in order.
    /// - Parameters:
    ///   - addSpecial: add the model's BOS (and the other tokens its vocabulary adds to a prompt).
    ///   - parseSpecial: read special-token text such as `<|im_start|>` as one token.
    /// - Throws: the conforming client's typed error, or `CancellationError`.
    func tokenizeWithPieces(_ text: String, addSpecial: Bool, parseSpecial: Bool) async throws -> [TokenPiece]

    /// The `count` most likely next tokens after `promptTokens` (non-empty), most likely first,
    /// with the model's raw log-probabilities (see ``TokenCandidate``).
    /// - Throws: the conforming client's typed error, or `CancellationError`.
    func nextTokenCandidates(promptTokens: [Int], count: Int) async throws -> [TokenCandidate]
}
