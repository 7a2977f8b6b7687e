/// One number in a report with its unit (docs/EVALUATION.md "Keys and figures").
///
/// `unit` is one of "fraction" (rates, 0…1), "bytes", "s", "tokens/s", "bpw", "nats", "ratio",
/// "count". `n` is the sample it was computed over (absent for single measurements); `ci95`
/// is `[lo, hi]`, the Wilson 95 % interval for rates over questions (Wilson 1927).
///
/// ```json
/// {"value": 0.85, "unit": "fraction", "n": 20, "ci95": [0.64, 0.948]}
/// ```
public struct Figure: Codable, Sendable, Equatable {
    /// The number, in `unit`.
    public var value: Double
    /// The unit (see the type's documentation).
    public var unit: String
    /// Sample size, when the figure is computed over a sample.
    public var n: Int?
    /// `[lo, hi]`, the 95 % interval, when one was computed.
    public var ci95: [Double]?

    /// Creates the value from its fields, as listed above.
    public init(value: Double, unit: String, n: Int? = nil, ci95: [Double]? = nil) {
        self.value = value
        self.unit = unit
        self.n = n
        self.ci95 = ci95
    }
}
