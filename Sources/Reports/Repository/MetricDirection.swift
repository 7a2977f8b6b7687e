import MetricKeys

/// Which way a figure improves, so "a drop" means "got worse" for every metric: a fall for
/// accuracy or tokens/s, a rise for KL divergence (generic or domain), flips, facts at risk,
/// perplexity or latency.
public enum MetricDirection {
    /// Figures where less is better; every other figure is better when higher.
    public static let lowerIsBetter: Set<MetricKey> = [
        .flips, .flipsCorrectToWrong, .kldMean, .kldMedian, .kldP99_9, .kldMax, .rmsDP,
        .ppl, .pplRatio, .ttftMedianS, .ttftP90S, .loadS, .peakRSSBytes, .peakVRAMBytes, .loopRate, .rep2, .biasGap,
        .domainKLDMean, .factsAtRisk, .premiseFlipsCorrectToWrong,
    ]

    /// How much `metric` got worse from `before` to `after` (negative: it improved). `metric` is
    /// a name a user gave; one this build does not know counts as better when higher.
    public static func worsening(_ metric: String, from before: Double, to after: Double) -> Double {
        MetricKey(rawValue: metric).map(lowerIsBetter.contains) == true ? after - before : before - after
    }
}
