/// A figure as docs/EVALUATION.md "Keys and figures" defines it: `{"value", "unit", "n"?, "ci95"?}`.
///
/// Units used by Evaluation: "fraction" (rates and scores in 0…1, p-values too), "ratio",
/// "s", "tokens/s". `n` is the sample the value was computed over (questions, answers, pairs or
/// probes — each metric's doc says which); `ci95` is the Wilson 95 % interval, given for rates
/// over questions or answers.
public struct MetricValue: Codable, Sendable, Equatable {
    /// The value.
    public var value: Double
    /// Its unit.
    public var unit: String
    /// The sample size.
    public var n: Int?
    /// [lower, upper] of the 95 % interval.
    public var ci95: [Double]?

    /// Creates a figure.
    public init(value: Double, unit: String, n: Int? = nil, ci95: [Double]? = nil) {
        self.value = value
        self.unit = unit
        self.n = n
        self.ci95 = ci95
    }

    /// A rate k/n with its Wilson interval, or nil when n = 0.
    public static func rate(_ successes: Int, of trials: Int) -> MetricValue? {
        guard trials > 0 else { return nil }
        return MetricValue(value: Double(successes) / Double(trials), unit: "fraction", n: trials,
                           ci95: WilsonInterval.interval95(successes: successes, trials: trials))
    }

    /// The mean of `values` in `unit` with n = their count, or nil when there are none.
    public static func mean(_ values: [Double], unit: String = "fraction") -> MetricValue? {
        guard !values.isEmpty else { return nil }
        return MetricValue(value: values.reduce(0, +) / Double(values.count), unit: unit, n: values.count)
    }
}
