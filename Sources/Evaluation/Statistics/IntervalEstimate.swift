/// A point estimate with its 95 % interval, both in the statistic's unit.
public struct IntervalEstimate: Sendable, Equatable, Codable {
    /// The point estimate.
    public var estimate: Double
    /// The 95 % interval around it.
    public var interval: Interval

    /// Creates an estimate with its interval.
    public init(estimate: Double, interval: Interval) {
        self.estimate = estimate
        self.interval = interval
    }
}
