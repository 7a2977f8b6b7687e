import Foundation

/// The Wilson score interval for a binomial proportion (Wilson 1927, "Probable inference, the
/// law of succession, and statistical inference"; as recommended by Brown, Cai and DasGupta 2001).
///
/// For k successes in n trials, p = k/n and z = 1.959963984540054 (95 %):
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²).
/// Unlike the normal approximation it stays inside 0…1 and is sensible at k = 0 or k = n,
/// which matters for suites of tens of questions.
public enum WilsonInterval {
    /// The 97.5 % quantile of the standard normal distribution.
    public static let z95 = 1.959963984540054

    /// [lower, upper] of the 95 % interval, or nil when n = 0.
    public static func interval95(successes: Int, trials: Int) -> [Double]? {
        interval(successes: Double(successes), trials: Double(trials)).map { [$0.lower, $0.upper] }
    }

    /// The 95 % interval for k successes in n trials where k and n may be fractional (observed
    /// rates scaled to another sample size, as ``DecisionHorizon`` does), or nil when n ≤ 0.
    /// k must lie in 0…n.
    public static func interval(successes: Double, trials: Double) -> Interval? {
        guard trials > 0 else { return nil }
        let n = trials
        let p = successes / n
        let z2 = z95 * z95
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z95 / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // At k = 0 (k = n) the bound is exactly 0 (1); rounding would leave a 1e-17 residue.
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return Interval(lower: lower, upper: upper)
    }
}
