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

    /// The recipe's defaults (`acceptance:`), grounded in published figures:
    /// - `domainKLDMean` 0.05 nats: on Wikitext, LLaMA 3 8B's mean KLD against FP16 is 0.0014
    ///   at Q8_0, 0.0055 at Q6_K, 0.011 at Q5_K_M, 0.031 at Q4_K_M, 0.043 at Q4_K_S, 0.072 at
    ///   Q4_0 and 0.10 at Q3_K_M (llama.cpp `tools/perplexity/README.md`, "LLaMA 3 8b
    ///   Scoreboard", PR 6936), so 0.05 passes Q4_K_M and better and stops legacy 4-bit; it sits
    ///   just under quantdiff's full-vocabulary "close" bar of 0.06 (MadhankumarAI/Quantdiff,
    ///   `src/quantdiff/verdict.py`). A model's own answers are text it finds likely, where
    ///   divergences run lower than on Wikitext, so the margin is not looser than for text in general.
    /// - `kldMean` 0.10 nats on the generic corpus: Q3_K_M's 0.10 on LLaMA 3 8B, the edge of
    ///   quantdiff's "large" (0.10 on its top-10 scale, 0.15 on the full vocabulary): general
    ///   text only guards against a variant broken outside the domain.
    /// - shares (accuracy drop, key-fact recall drop, facts at risk) 0.05 and flips 0.10: one
    ///   question in twenty, as a practitioner's tolerance; a suite must hold 73 questions to
    ///   read 0.05 on an interval at all (``SuiteSize``).
    public static let defaults = VerdictMargins(accuracyDrop: 0.05, keyFactRecallDrop: 0.05, flips: 0.10, factsAtRisk: 0.05,
                                                domainKLDMean: 0.05, kldMean: 0.10)

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
