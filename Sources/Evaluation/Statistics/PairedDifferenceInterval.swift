/// The 95 % interval for the difference of two paired proportions: Newcombe 1998, "Improved
/// confidence intervals for the difference between binomial proportions based on paired data",
/// Statistics in Medicine 17:2635–2650, method 10 (the hybrid score, or square-and-add, interval
/// from the Wilson intervals of the two margins with a correction for their correlation; also
/// Fagerland, Lydersen and Laake 2017, "Statistical Analysis of Contingency Tables", chapter 8).
///
/// The paired table over n questions: a right on both, b right on the baseline only, c right on
/// the variant only, d wrong on both. The margins are p₁ = (a + b)/n (baseline) and
/// p₂ = (a + c)/n (variant), with Wilson 95 % intervals [l₁, u₁] and [l₂, u₂]. The estimate is
/// the baseline's lead θ = p₁ − p₂ = (b − c)/n — the drop, positive when the variant is worse —
/// and the interval is
///
///     L = θ − √((p₁ − l₁)² − 2φ(p₁ − l₁)(u₂ − p₂) + (u₂ − p₂)²)
///     U = θ + √((u₁ − p₁)² − 2φ(u₁ − p₁)(p₂ − l₂) + (p₂ − l₂)²)
///
/// where φ estimates the correlation of the two margins with Newcombe's correction: with
/// A = ad − bc and D = (a + b)(c + d)(a + c)(b + d), φ = (A − n/2)/√D when A > n/2, 0 when
/// 0 ≤ A ≤ n/2, A/√D when A < 0, and 0 when D = 0 (a margin of 0 or n).
///
/// Pairing is what makes this the right interval for two models answering the same questions:
/// questions both get right or both get wrong are evidence that the models agree, and φ narrows
/// the interval accordingly, which an interval for independent samples would ignore.
public enum PairedDifferenceInterval {
    /// The drop p_baseline − p_variant with its 95 % interval, or nil when the table is empty.
    ///
    /// Counts must be ≥ 0; they may be fractional (observed rates scaled to another number of
    /// questions, as ``DecisionHorizon`` does). The bounds lie in −1…1.
    public static func drop95(a: Double, b: Double, c: Double, d: Double) -> IntervalEstimate? {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "paired counts must be ≥ 0: \(a), \(b), \(c), \(d)")
        let n = a + b + c + d
        guard let baseline = WilsonInterval.interval(successes: a + b, trials: n),
              let variant = WilsonInterval.interval(successes: a + c, trials: n) else { return nil }
        let p1 = (a + b) / n
        let p2 = (a + c) / n
        let theta = p1 - p2
        let phi = correlation(a: a, b: b, c: c, d: d)
        let lowerSpread = squareAndAdd(p1 - baseline.lower, variant.upper - p2, phi: phi)
        let upperSpread = squareAndAdd(baseline.upper - p1, p2 - variant.lower, phi: phi)
        return IntervalEstimate(estimate: theta,
                                interval: Interval(lower: theta - lowerSpread, upper: theta + upperSpread))
    }

    /// Newcombe's corrected φ: the A − n/2 shrinks a positive correlation so that small tables do
    /// not claim more agreement than they show; a zero margin product gives 0.
    private static func correlation(a: Double, b: Double, c: Double, d: Double) -> Double {
        let n = a + b + c + d
        let product = (a + b) * (c + d) * (a + c) * (b + d)
        guard product > 0 else { return 0 }
        let cross = a * d - b * c
        if cross > n / 2 { return (cross - n / 2) / product.squareRoot() }
        if cross >= 0 { return 0 }
        return cross / product.squareRoot()
    }

    /// √(x² − 2φxy + y²); |φ| ≤ 1 keeps the radicand ≥ 0 but for rounding, hence the max.
    private static func squareAndAdd(_ x: Double, _ y: Double, phi: Double) -> Double {
        max(0, x * x - 2 * phi * x * y + y * y).squareRoot()
    }
}
