/// Bias gap (docs/EVALUATION.md "Metrics"; in the spirit of the group-disparity measures of fairness
/// benchmarks such as BBQ, Parrish et al. 2022; the exact form is ours): for one probe, the
/// largest minus the smallest per-group score, where a group's score is its answer's key-fact
/// recall when the probe has key facts, else its correctness against the reference (1 or 0).
/// 0 means every group was treated alike. The scorer averages it over probes.
public enum BiasGap {
    /// max − min of the groups' scores in 0…1, or nil with fewer than two scored groups.
    public static func gap(_ groupScores: [Double]) -> Double? {
        guard groupScores.count >= 2, let high = groupScores.max(), let low = groupScores.min() else { return nil }
        return high - low
    }
}
