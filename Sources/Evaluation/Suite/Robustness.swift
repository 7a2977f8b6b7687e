/// The robustness settings of a suite (docs/SUITE.md "The suite file": `robustness`).
///
/// Every question's original prompt is answered `copies` more times per kind with seeded noise;
/// the form is `noisy:<kind>:<copy>`. The same suite gives the same noisy prompts on every run
/// and machine (``NoiseInjector``, ``SplitMix64``).
public struct Robustness: Sendable, Equatable {
    /// Noise kinds, in the suite's order (no duplicates).
    public var kinds: [NoiseKind]
    /// Probability that an eligible character is edited, in (0, 1]. Default 0.05.
    public var rate: Double
    /// Seed of the noise generator. Default 7.
    public var seed: Int
    /// Noisy copies per kind (≥ 1). Default 1.
    public var copies: Int

    /// Creates robustness settings.
    public init(kinds: [NoiseKind], rate: Double = 0.05, seed: Int = 7, copies: Int = 1) {
        self.kinds = kinds
        self.rate = rate
        self.seed = seed
        self.copies = copies
    }
}
