/// Perplexity of a model on a corpus, as llama-perplexity prints it
/// (`Final estimate: PPL = 11.6289 +/- 0.41234`; llama.cpp `tools/perplexity/perplexity.cpp`).
///
/// PPL = exp(mean negative log-likelihood) over the scored tokens: the second half of each
/// context window (llama-perplexity scores `n_ctx - n_ctx/2 - 1` tokens per chunk).
public struct PerplexityResult: Codable, Sendable, Equatable {
    /// Perplexity, as printed (4 decimals).
    public var ppl: Double
    /// The printed ± uncertainty of the PPL (its standard error); nil when it printed none.
    public var pplError: Double?
    /// Tokens scored: chunks × (n_ctx − n_ctx/2 − 1), from the printed chunk count and context
    /// size; nil when the output does not print them.
    public var scoredTokens: Int?
    /// Chunks (context windows) evaluated, as printed ("computing over N chunks").
    public var chunks: Int?

    /// A result from its parts.
    public init(ppl: Double, pplError: Double? = nil, scoredTokens: Int? = nil, chunks: Int? = nil) {
        self.ppl = ppl
        self.pplError = pplError
        self.scoredTokens = scoredTokens
        self.chunks = chunks
    }

    enum CodingKeys: String, CodingKey {
        case ppl, pplError = "ppl_error", scoredTokens = "scored_tokens", chunks
    }
}
