/// A seeded percentile bootstrap that resamples whole questions (clusters), not single values
/// (Efron and Tibshirani 1993, "An Introduction to the Bootstrap", §13.3 for the percentile
/// interval; Davison and Hinkley 1997, "Bootstrap Methods and their Application", §3.8, and
/// Field and Welsh 2007, "Bootstrapping clustered data", JRSS B 69:369–390, for resampling
/// clusters).
///
/// Input: one array per question, holding a paired difference per form of that question (for
/// example the baseline's key-fact recall minus the variant's on each phrasing). The statistic is
/// the pooled mean Σ values / count of values. Each replicate draws as many questions as there
/// are, with replacement, and pools all forms of every drawn question; the interval is the 2.5th
/// and 97.5th percentiles of the replicates (``Percentile``, Hyndman–Fan definition 7).
///
/// Forms of one question share its content, so they are not independent evidence: resampling
/// them one by one would shrink the interval with every extra phrasing of the same question.
/// Resampling whole questions keeps a drop carried by one question as uncertain as one question.
public struct ClusterBootstrap: Sendable {
    /// Bootstrap replicates drawn.
    public var replicates: Int
    /// The seed of the ``SplitMix64`` stream that draws them; the same seed, input and replicate
    /// count give the same interval on every run and platform.
    public var seed: UInt64

    /// Creates a bootstrap of `replicates` (> 0) draws from `seed`.
    public init(replicates: Int = 2000, seed: UInt64) {
        precondition(replicates > 0, "a bootstrap needs at least one replicate, not \(replicates)")
        self.replicates = replicates
        self.seed = seed
    }

    /// The pooled mean of all values with its 95 % percentile interval, or nil when there are no
    /// values. Questions without values carry no evidence and are left out of the resampling.
    public func pooledMean(_ questions: [[Double]]) -> IntervalEstimate? {
        let clusters = questions.filter { !$0.isEmpty }
        guard !clusters.isEmpty else { return nil }
        let sums = clusters.map { $0.reduce(0, +) }
        let counts = clusters.map(\.count)
        let estimate = sums.reduce(0, +) / Double(counts.reduce(0, +))
        // Every resample of identical values is that value: no draws needed.
        if let first = clusters.first?.first, clusters.allSatisfy({ $0.allSatisfy { $0 == first } }) {
            return IntervalEstimate(estimate: first, interval: Interval(lower: first, upper: first))
        }
        var generator = SplitMix64(mixing: [seed])
        var statistics: [Double] = []
        statistics.reserveCapacity(replicates)
        for _ in 0..<replicates {
            var sum = 0.0
            var count = 0
            for _ in clusters.indices {
                let drawn = generator.next(below: clusters.count)
                sum += sums[drawn]
                count += counts[drawn]
            }
            statistics.append(sum / Double(count))
        }
        guard let lower = Percentile.of(statistics, 0.025),
              let upper = Percentile.of(statistics, 0.975) else { return nil }
        return IntervalEstimate(estimate: estimate, interval: Interval(lower: lower, upper: upper))
    }
}
