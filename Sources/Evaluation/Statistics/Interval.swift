/// A closed interval [lower, upper] on the real line, lower ≤ upper: the 95 % reading of a
/// statistic in the unit of its estimate (a fraction for proportions and their differences).
///
/// Encoded as `{"lower": …, "upper": …}`.
public struct Interval: Sendable, Equatable, Codable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double

    /// Creates [lower, upper]; the bounds must be ordered.
    public init(lower: Double, upper: Double) {
        precondition(lower <= upper, "an interval's lower bound \(lower) exceeds its upper bound \(upper)")
        self.lower = lower
        self.upper = upper
    }

    /// upper − lower, in the unit of the bounds.
    public var width: Double { upper - lower }

    /// Whether lower ≤ value ≤ upper.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }
}
