/// Which way a figure improves, so "a drop" means "got worse" for every metric: a fall for
/// accuracy or tokens/s, a rise for KL divergence, flips, perplexity or latency.
public enum MetricDirection {
    /// Figures where less is better; every other figure is better when higher.
    public static let lowerIsBetter: Set<String> = [
        "flips", "flips_correct_to_wrong", "kld_mean", "kld_median", "kld_p99_9", "kld_max", "rms_dp",
        "ppl", "ppl_ratio", "ttft_median_s", "ttft_p90_s", "load_s", "peak_rss_bytes", "loop_rate", "rep_2", "bias_gap",
    ]

    /// How much `metric` got worse from `before` to `after` (negative: it improved).
    public static func worsening(_ metric: String, from before: Double, to after: Double) -> Double {
        lowerIsBetter.contains(metric) ? after - before : before - after
    }
}
