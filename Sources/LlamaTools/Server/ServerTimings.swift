/// llama-server's own timing of one request (the `timings` object of a reply).
///
/// Source: llama.cpp tools/server (`result_timings`): prompt processing and generation counted
/// and timed by the server around its decode calls, excluding HTTP and queueing.
public struct ServerTimings: Codable, Sendable, Equatable {
    /// Prompt tokens processed (not counting those reused from the cache).
    public var promptN: Int
    /// Prompt processing time, in milliseconds.
    public var promptMs: Double
    /// Prompt processing throughput, in tokens per second.
    public var promptPerSecond: Double
    /// Tokens generated.
    public var predictedN: Int
    /// Generation time, in milliseconds.
    public var predictedMs: Double
    /// Generation throughput, in tokens per second.
    public var predictedPerSecond: Double

    /// Timings as the server reports them (counts in tokens, times in ms, rates in tokens/s).
    public init(promptN: Int, promptMs: Double, promptPerSecond: Double,
                predictedN: Int, predictedMs: Double, predictedPerSecond: Double) {
        self.promptN = promptN
        self.promptMs = promptMs
        self.promptPerSecond = promptPerSecond
        self.predictedN = predictedN
        self.predictedMs = predictedMs
        self.predictedPerSecond = predictedPerSecond
    }

    enum CodingKeys: String, CodingKey {
        case promptN = "prompt_n", promptMs = "prompt_ms", promptPerSecond = "prompt_per_second"
        case predictedN = "predicted_n", predictedMs = "predicted_ms", predictedPerSecond = "predicted_per_second"
    }
}
