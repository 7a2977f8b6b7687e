/// The largest acceptable loss per criterion (the recipe's `acceptance`): drops and shares are
/// fractions, KLD in nats.
public struct VerdictMargins: Sendable, Equatable {
    /// Accuracy drop.
    public var accuracyDrop: Double
    /// Key-fact recall drop.
    public var keyFactRecallDrop: Double
    /// Share of flipped questions, beyond the noise floor in parallel mode.
    public var flips: Double
    /// Share of the baseline's stated facts at risk.
    public var factsAtRisk: Double
    /// Mean KLD over the baseline's own answers.
    public var domainKLDMean: Double
    /// Mean KLD over the generic corpus.
    public var kldMean: Double

    /// Memberwise.
    public init(accuracyDrop: Double, keyFactRecallDrop: Double, flips: Double, factsAtRisk: Double,
                domainKLDMean: Double, kldMean: Double) {
        self.accuracyDrop = accuracyDrop
        self.keyFactRecallDrop = keyFactRecallDrop
        self.flips = flips
        self.factsAtRisk = factsAtRisk
        self.domainKLDMean = domainKLDMean
        self.kldMean = kldMean
    }
}
