/// Length ratio (docs/EVALUATION.md "Metrics"): how much text a variant produces against the baseline —
/// the write-up saw quantised models answer shorter.
///
/// Ratio of totals over the prompts both answered: Σ variant completion tokens / Σ baseline
/// completion tokens (totals, so one empty baseline answer does not divide by zero). nil when
/// the baseline produced no tokens at all.
public enum LengthRatio {
    /// The ratio (1 = same length), or nil.
    public static func ratio(pairs: [(baselineTokens: Int, variantTokens: Int)]) -> Double? {
        let baseline = pairs.reduce(0) { $0 + $1.baselineTokens }
        guard baseline > 0 else { return nil }
        return Double(pairs.reduce(0) { $0 + $1.variantTokens }) / Double(baseline)
    }
}
