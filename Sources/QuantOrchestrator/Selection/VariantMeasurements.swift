/// The figures selection needs for one variant, taken from the evaluation and KLD stages.
///
/// Rates are fractions in 0…1; nil means the suite gave no data for that figure (for
/// example no question with key facts), in which case the criterion does not apply.
public struct VariantMeasurements: Sendable, Equatable {
    /// The variant's name (its ladder entry's; a stock entry's quant type).
    public var quantType: String
    /// GGUF file size in bytes (selection prefers the smallest); for an endpoint the size the
    /// recipe states, or nil.
    public var sizeBytes: Int?
    /// True for an endpoint: measured and judged, never selected (there is no file to ship).
    public var isEndpoint: Bool
    /// Share of original-form questions answered correctly.
    public var accuracy: Double?
    /// Share of key facts found over the original forms.
    public var keyFactRecall: Double?
    /// Share of questions whose correctness differs from the baseline's (Dutta et al. 2024).
    public var flips: Double?
    /// Exact two-sided McNemar p-value of paired correctness against the baseline.
    public var mcnemarP: Double?
    /// Mean KL divergence against the baseline, in nats (llama-perplexity).
    public var kldMean: Double?

    /// Memberwise.
    public init(quantType: String, sizeBytes: Int?, isEndpoint: Bool = false, accuracy: Double?, keyFactRecall: Double?,
                flips: Double?, mcnemarP: Double?, kldMean: Double?) {
        self.quantType = quantType
        self.sizeBytes = sizeBytes
        self.isEndpoint = isEndpoint
        self.accuracy = accuracy
        self.keyFactRecall = keyFactRecall
        self.flips = flips
        self.mcnemarP = mcnemarP
        self.kldMean = kldMean
    }
}
