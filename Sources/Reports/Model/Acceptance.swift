/// The acceptance thresholds a variant had to meet (README "Using it on your model", `acceptance`).
/// Drops are absolute differences of fractions against the baseline.
public struct Acceptance: Codable, Sendable, Equatable {
    /// Largest accepted accuracy drop (fraction).
    public var accuracyDropMax: Double
    /// Largest accepted key-fact recall drop (fraction).
    public var keyFactRecallDropMax: Double
    /// Largest accepted share of flipped questions (fraction; Dutta et al. 2024).
    public var flipsMax: Double
    /// Largest accepted mean KL divergence against the baseline (nats, from llama-perplexity).
    public var kldMeanMax: Double
    /// Largest accepted mean KL divergence over the baseline's own answers (nats); nil in
    /// older reports.
    public var domainKLDMeanMax: Double?
    /// Largest accepted share of the baseline's stated facts at risk; nil in older reports.
    public var factsAtRiskMax: Double?
    /// The budget: largest GGUF file, in bytes; nil when none was set.
    public var maxSizeBytes: Int?
    /// The budget: largest peak resident memory of the variant's server, in bytes; nil when
    /// none was set.
    public var maxMemoryBytes: Int?

    /// Creates the value from its fields, as listed above.
    public init(accuracyDropMax: Double, keyFactRecallDropMax: Double, flipsMax: Double, kldMeanMax: Double,
                domainKLDMeanMax: Double? = nil, factsAtRiskMax: Double? = nil, maxSizeBytes: Int? = nil, maxMemoryBytes: Int? = nil) {
        self.accuracyDropMax = accuracyDropMax
        self.keyFactRecallDropMax = keyFactRecallDropMax
        self.flipsMax = flipsMax
        self.kldMeanMax = kldMeanMax
        self.domainKLDMeanMax = domainKLDMeanMax
        self.factsAtRiskMax = factsAtRiskMax
        self.maxSizeBytes = maxSizeBytes
        self.maxMemoryBytes = maxMemoryBytes
    }

    enum CodingKeys: String, CodingKey {
        case accuracyDropMax = "accuracy_drop_max"
        case keyFactRecallDropMax = "key_fact_recall_drop_max"
        case flipsMax = "flips_max"
        case kldMeanMax = "kld_mean_max"
        case domainKLDMeanMax = "domain_kld_mean_max"
        case factsAtRiskMax = "facts_at_risk_max"
        case maxSizeBytes = "max_size_bytes"
        case maxMemoryBytes = "max_memory_bytes"
    }
}
