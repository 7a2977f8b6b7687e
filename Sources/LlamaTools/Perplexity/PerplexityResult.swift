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
    /// Tokens the PPL is over: chunks × (n_ctx − 1 − n_ctx/2), from the chunk count and context
    /// size llama-perplexity printed ("calculating perplexity over N chunks, n_ctx=C"), since it
    /// scores only the second half of each window (`first = n_ctx/2`) less its last token, and
    /// evaluates fewer chunks than `--chunks` asks when the corpus holds fewer. Optional so
    /// that records written before it existed still decode (as nil); nil too when the output
    /// lacks that line.
    public var scoredTokens: Int?
    /// Chunks (context windows) evaluated, as printed ("calculating perplexity over N chunks"):
    /// at most `--chunks`, fewer when the corpus is shorter.
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
