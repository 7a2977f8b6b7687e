/// How the variants were served and evaluated; everything needed to reproduce the numbers.
public struct Settings: Codable, Sendable, Equatable {
    /// The suite's sampling settings.
    public var sampling: SamplingSettings
    /// The suite's system prompt, if any.
    public var systemPrompt: String?
    /// llama-server context size (tokens).
    public var ctx: Int
    /// llama-server parallel sequences.
    public var slots: Int
    /// CPU threads.
    public var threads: Int
    /// Layers offloaded to a GPU (0 on CPU).
    public var gpuLayers: Int
    /// "sequential" or "parallel" (docs/EVALUATION.md "Evaluation determinism").
    public var mode: String
    /// The llama-perplexity run behind PPL and KLD.
    public var perplexity: PerplexitySettings
    /// The llama-perplexity run behind domain KLD; nil when the corpus was too short, and in
    /// older reports.
    public var domainCorpus: DomainCorpusSettings?
    /// Single-slot servers per local variant (`evaluation.replicas`) when more than one; nil
    /// for one server, and in older reports.
    public var replicas: Int?
    /// Where the steps ran: "local", or "slurm" with the partition ("slurm, partition gpu");
    /// nil in older reports. Each Slurm stage's job and node are in `stage_timings`.
    public var executor: String?

    /// Creates the value from its fields, as listed above.
    public init(sampling: SamplingSettings, systemPrompt: String?, ctx: Int, slots: Int, threads: Int,
                gpuLayers: Int, mode: String, perplexity: PerplexitySettings, domainCorpus: DomainCorpusSettings? = nil,
                replicas: Int? = nil, executor: String? = nil) {
        self.sampling = sampling
        self.systemPrompt = systemPrompt
        self.ctx = ctx
        self.slots = slots
        self.threads = threads
        self.gpuLayers = gpuLayers
        self.mode = mode
        self.perplexity = perplexity
        self.domainCorpus = domainCorpus
        self.replicas = replicas
        self.executor = executor
    }

    enum CodingKeys: String, CodingKey {
        case sampling, ctx, slots, threads, mode, perplexity, replicas, executor
        case domainCorpus = "domain_corpus"
        case systemPrompt = "system_prompt"
        case gpuLayers = "gpu_layers"
    }
}

/// The sampling settings every request used.
public struct SamplingSettings: Codable, Sendable, Equatable {
    /// Sampling temperature (0 = greedy).
    public var temperature: Double
    /// Sampler seed.
    public var seed: Int
    /// Maximum tokens generated per answer.
    public var maxTokens: Int

    /// Creates the value from its fields, as listed above.
    public init(temperature: Double, seed: Int, maxTokens: Int) {
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
    }

    enum CodingKeys: String, CodingKey {
        case temperature, seed
        case maxTokens = "max_tokens"
    }
}

/// The llama-perplexity settings behind PPL and KL divergence.
public struct PerplexitySettings: Codable, Sendable, Equatable {
    /// The corpus file's path.
    public var corpus: String
    /// sha256 of the corpus file, 64 hex digits.
    public var corpusSHA256: String
    /// Context per chunk (tokens).
    public var ctx: Int
    /// Number of chunks evaluated.
    public var chunks: Int

    /// Creates the value from its fields, as listed above.
    public init(corpus: String, corpusSHA256: String, ctx: Int, chunks: Int) {
        self.corpus = corpus
        self.corpusSHA256 = corpusSHA256
        self.ctx = ctx
        self.chunks = chunks
    }

    enum CodingKeys: String, CodingKey {
        case corpus, ctx, chunks
        case corpusSHA256 = "corpus_sha256"
    }
}

/// The domain corpus: the baseline's answers to the suite's original forms as chat
/// conversations, and the llama-perplexity window over it. llama-perplexity scores the second
/// half of each window, so `scored_share` of the corpus's tokens are scored.
public struct DomainCorpusSettings: Codable, Sendable, Equatable {
    /// sha256 of the corpus file.
    public var sha256: String
    /// Conversations (answered original forms).
    public var conversations: Int
    /// Tokens of the corpus as llama-perplexity counts them.
    public var tokens: Int
    /// Share of the corpus's characters that are answer text (the rest is template and prompts).
    public var answerShare: Double
    /// Window (`-c`).
    public var ctx: Int
    /// Chunks evaluated.
    public var chunks: Int
    /// Tokens scored: chunks × (ctx − 1 − ctx/2).
    public var scoredTokens: Int
    /// scored_tokens / tokens.
    public var scoredShare: Double

    /// Creates the value from its fields, as listed above.
    public init(sha256: String, conversations: Int, tokens: Int, answerShare: Double, ctx: Int, chunks: Int,
                scoredTokens: Int, scoredShare: Double) {
        self.sha256 = sha256
        self.conversations = conversations
        self.tokens = tokens
        self.answerShare = answerShare
        self.ctx = ctx
        self.chunks = chunks
        self.scoredTokens = scoredTokens
        self.scoredShare = scoredShare
    }

    enum CodingKeys: String, CodingKey {
        case sha256, conversations, tokens, ctx, chunks
        case answerShare = "answer_share"
        case scoredTokens = "scored_tokens"
        case scoredShare = "scored_share"
    }
}
