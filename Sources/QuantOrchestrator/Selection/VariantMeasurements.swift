import Evaluation

/// What selection needs of one variant: its cost (size, memory) and the evidence its verdict
/// is read from (``VerdictEvidence``).
public struct VariantMeasurements: Sendable, Equatable {
    /// The variant's name (its ladder entry's; a stock entry's quant type).
    public var quantType: String
    /// GGUF file size in bytes (selection prefers the smallest); for an endpoint the size the
    /// recipe states, or nil.
    public var sizeBytes: Int?
    /// Peak resident memory of the variant's server in bytes (VmHWM), nil for an endpoint.
    public var peakRSSBytes: Int?
    /// True for an endpoint: measured and judged, never selected (there is no file to ship).
    public var isEndpoint: Bool
    /// The paired comparison with the baseline, the KLDs, the facts at risk, failed checks.
    public var evidence: VerdictEvidence

    /// Memberwise.
    public init(quantType: String, sizeBytes: Int?, peakRSSBytes: Int? = nil, isEndpoint: Bool = false, evidence: VerdictEvidence) {
        self.quantType = quantType
        self.sizeBytes = sizeBytes
        self.peakRSSBytes = peakRSSBytes
        self.isEndpoint = isEndpoint
        self.evidence = evidence
    }
}
