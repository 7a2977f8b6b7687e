/// How long one pipeline stage took.
public struct StageTiming: Codable, Sendable, Equatable {
    /// The stage ("convert", "quantize:Q4_K_M", "evaluate:Q8_0", …).
    public var stage: String
    /// Wall-clock seconds.
    public var seconds: Double

    /// Creates the value from its fields, as listed above.
    public init(stage: String, seconds: Double) {
        self.stage = stage
        self.seconds = seconds
    }
}
