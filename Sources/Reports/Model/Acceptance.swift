/// The acceptance thresholds a variant had to meet (CONTRACT.md "Recipe", `acceptance`).
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

    /// Creates the value from its fields, as listed above.
    public init(accuracyDropMax: Double, keyFactRecallDropMax: Double, flipsMax: Double, kldMeanMax: Double) {
        self.accuracyDropMax = accuracyDropMax
        self.keyFactRecallDropMax = keyFactRecallDropMax
        self.flipsMax = flipsMax
        self.kldMeanMax = kldMeanMax
    }

    enum CodingKeys: String, CodingKey {
        case accuracyDropMax = "accuracy_drop_max"
        case keyFactRecallDropMax = "key_fact_recall_drop_max"
        case flipsMax = "flips_max"
        case kldMeanMax = "kld_mean_max"
    }
}
