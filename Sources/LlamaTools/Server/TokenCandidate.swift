/// One candidate for the next token and its log-probability, from `POST /completion` with
/// `n_probs` (llama.cpp tools/server/README.md, `completion_probabilities[].top_logprobs`).
///
/// The log-probability is the natural logarithm of the softmax of the model's logits over the
/// whole vocabulary, before any sampler runs (`post_sampling_probs: false`; the server's
/// `get_token_probabilities` in tools/server/server-common.cpp).
public struct TokenCandidate: Codable, Sendable, Equatable {
    /// Token id in the model's vocabulary.
    public var id: Int
    /// The token's text (invalid UTF-8 replaced, as the server sends it).
    public var piece: String
    /// Natural-log probability, ≤ 0.
    public var logprob: Double

    /// A candidate token with its natural-log probability.
    public init(id: Int, piece: String, logprob: Double) {
        self.id = id
        self.piece = piece
        self.logprob = logprob
    }
}
