import MetricKeys

/// The figures `history` shows for one variant of a run.
public struct HeadlineFigures: Codable, Sendable, Equatable {
    /// The variant's quant type.
    public var quantType: String
    /// GGUF file size in bytes; nil for an endpoint without a stated size.
    public var sizeBytes: Int?
    /// Share of original-form questions with every key fact found (fraction, Wilson ci95).
    public var accuracy: Figure?
    /// Share of key facts found (fraction).
    public var keyFactRecall: Figure?
    /// Share of questions whose correctness differs from the baseline's (Dutta et al. 2024).
    public var flips: Figure?
    /// Mean KL divergence against the baseline (nats, llama-perplexity).
    public var kldMean: Figure?
    /// Generation tokens/s (llama-server `timings`).
    public var genTokensPerS: Figure?

    /// The headline figures of `variant`.
    public init(_ variant: Variant) {
        quantType = variant.quantType
        sizeBytes = variant.sizeBytes
        accuracy = variant.figure(.accuracy)
        keyFactRecall = variant.figure(.keyFactRecall)
        flips = variant.figure(.flips)
        kldMean = variant.figure(.kldMean)
        genTokensPerS = variant.figure(.genTokensPerS)
    }

    enum CodingKeys: String, CodingKey {
        case accuracy, flips
        case quantType = "quant_type"
        case sizeBytes = "size_bytes"
        case keyFactRecall = "key_fact_recall"
        case kldMean = "kld_mean"
        case genTokensPerS = "gen_tokens_per_s"
    }
}
