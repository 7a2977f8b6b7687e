/// `--fail-on METRIC:MAX_DROP`: the largest worsening of a metric tolerated between two
/// revisions, in the metric's unit (fractions as fractions: `accuracy:0.05` is 5 points).
/// "Worsening" follows `MetricDirection`: a fall for accuracy, a rise for `kld_mean`.
public struct FailOnRule: Sendable, Equatable {
    /// The figure's key.
    public var metric: String
    /// The tolerated worsening, ≥ 0.
    public var maxDrop: Double

    /// Creates the value from its fields, as listed above.
    public init(metric: String, maxDrop: Double) {
        self.metric = metric
        self.maxDrop = maxDrop
    }

    /// Parses `accuracy:0.05`.
    /// - Throws: `FailOnRuleError` when the text is not `METRIC:NUMBER` with a finite number ≥ 0.
    public static func parse(_ text: String) throws(FailOnRuleError) -> FailOnRule {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let drop = Double(parts[1]), drop.isFinite, drop >= 0 else {
            throw FailOnRuleError(text: text)
        }
        return FailOnRule(metric: String(parts[0]), maxDrop: drop)
    }
}

/// A `--fail-on` value that is not `METRIC:MAX_DROP`.
public struct FailOnRuleError: Error, Equatable, CustomStringConvertible {
    /// The text given.
    public var text: String

    public var description: String {
        "--fail-on \(text): expected METRIC:MAX_DROP with a number ≥ 0, e.g. accuracy:0.05 or kld_mean:0.01"
    }
}
