/// The reply of llama-server's native `/completion` endpoint with `n_probs` set.
///
/// Source: llama.cpp tools/server/README.md, `POST /completion` (`completion_probabilities`).
/// Log-probabilities are natural logarithms of the softmax over the full vocabulary, taken
/// before sampling (`post_sampling_probs` is not sent).
public struct CompletionResponse: Sendable, Equatable {
    /// One alternative token and its log-probability.
    public struct Candidate: Codable, Sendable, Equatable {
        /// Token id in the model's vocabulary.
        public var id: Int
        /// The token's text.
        public var token: String
        /// Natural-log probability.
        public var logprob: Double

        /// A candidate token with its natural-log probability.
        public init(id: Int, token: String, logprob: Double) {
            self.id = id
            self.token = token
            self.logprob = logprob
        }
    }

    /// One generated token, its log-probability and the top `n_probs` candidates at its position.
    public struct TokenProbability: Codable, Sendable, Equatable {
        /// Token id of the generated token.
        public var id: Int
        /// The generated token's text.
        public var token: String
        /// Natural-log probability of the generated token.
        public var logprob: Double
        /// The most likely tokens at this position, most likely first (at most `n_probs`).
        public var topLogprobs: [Candidate]

        /// A generated token with its log-probability and the top candidates at its position.
        public init(id: Int, token: String, logprob: Double, topLogprobs: [Candidate]) {
            self.id = id
            self.token = token
            self.logprob = logprob
            self.topLogprobs = topLogprobs
        }

        enum CodingKeys: String, CodingKey {
            case id, token, logprob
            case topLogprobs = "top_logprobs"
        }
    }

    /// The generated text.
    public var content: String
    /// Why generation stopped: "eos", "limit" (`maxTokens` reached) or "word" (stop word).
    public var stopType: String?
    /// Tokens generated.
    public var tokensPredicted: Int
    /// Prompt tokens evaluated.
    public var tokensEvaluated: Int
    /// One entry per generated token, in order.
    public var probabilities: [TokenProbability]
    /// The server's own timings.
    public var timings: ServerTimings?
    /// Client-side wall time of the request, in seconds.
    public var wallSeconds: Double

    /// A completion; fields as documented on the properties.
    public init(content: String, stopType: String?, tokensPredicted: Int, tokensEvaluated: Int,
                probabilities: [TokenProbability], timings: ServerTimings?, wallSeconds: Double) {
        self.content = content
        self.stopType = stopType
        self.tokensPredicted = tokensPredicted
        self.tokensEvaluated = tokensEvaluated
        self.probabilities = probabilities
        self.timings = timings
        self.wallSeconds = wallSeconds
    }
}
