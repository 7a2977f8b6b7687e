/// The sampling settings a suite fixes for every request (docs/SUITE.md "The suite file": `sampling`).
///
/// Evaluation determinism (docs/EVALUATION.md) asks for temperature 0 and a fixed seed; the runner also
/// sends `cache_prompt: false`. Defaults when the suite omits a field: temperature 0, seed 42,
/// max tokens 128.
public struct Sampling: Codable, Sendable, Equatable {
    /// Sampling temperature (≥ 0; 0 is greedy).
    public var temperature: Double
    /// The sampler's seed.
    public var seed: Int
    /// Most tokens generated per answer (> 0).
    public var maxTokens: Int

    /// Creates sampling settings; the defaults are the suite defaults.
    public init(temperature: Double = 0, seed: Int = 42, maxTokens: Int = 128) {
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
    }

    enum CodingKeys: String, CodingKey {
        case temperature, seed, maxTokens = "max_tokens"
    }
}
