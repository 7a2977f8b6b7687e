/// Percentiles by linear interpolation between closest ranks (Hyndman and Fan 1996, definition
/// 7; NumPy's default `percentile` method), used for the median and p90 of TTFT.
///
/// For sorted values x₀…xₙ₋₁ and q in 0…1: h = (n − 1)·q, result = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
public enum Percentile {
    /// The q-quantile (q in 0…1) of `values`, or nil when there are none.
    public static func of(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * min(max(q, 0), 1)
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }
}
