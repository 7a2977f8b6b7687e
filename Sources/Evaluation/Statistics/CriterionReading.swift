/// How a loss criterion (bigger is worse: a drop in accuracy, a share of flips) reads against its
/// margin once the sampling error of the suite is taken into account.
///
/// - `within`: the whole 95 % interval lies at or below the margin, so the loss is small enough
///   at this sample size.
/// - `beyond`: the whole interval lies above the margin, or a significance test already says
///   there is a loss and its point estimate is above the margin.
/// - `undecided`: the interval straddles the margin; more questions would be needed to tell.
public enum CriterionReading: String, Sendable, Codable {
    case within
    case beyond
    case undecided

    /// Reads a loss criterion.
    ///
    /// - Parameters:
    ///   - estimate: the point estimate of the loss, in the margin's unit.
    ///   - interval: its 95 % interval.
    ///   - margin: the largest acceptable loss.
    ///   - significantLoss: whether a test of "no loss" rejected at the 5 % level (for a paired
    ///     accuracy drop, the exact McNemar test with more right-to-wrong than wrong-to-right flips).
    ///     It lets a clear loss whose interval still reaches below the margin read as beyond,
    ///     because the test already excludes chance and the best guess is over the margin.
    public static func read(estimate: Double, interval: Interval, margin: Double,
                            significantLoss: Bool) -> CriterionReading {
        let reading = read(interval: interval, margin: margin)
        if reading == .undecided && significantLoss && estimate > margin { return .beyond }
        return reading
    }

    /// Reads a loss criterion on its interval alone: within when interval.upper ≤ margin, beyond
    /// when interval.lower > margin, undecided otherwise.
    public static func read(interval: Interval, margin: Double) -> CriterionReading {
        if interval.upper <= margin { return .within }
        if interval.lower > margin { return .beyond }
        return .undecided
    }
}
