/// Warns, at plan time, about ladder entries whose estimated file is over `max_size`: they are
/// measured but cannot be selected, and when none fits the run can only end with exit 3, which
/// the user should know before an hour of quantizing and serving.
enum BudgetForecast {
    /// - Parameter estimatedBytes: each entry's estimated file size in bytes, nil when unknown.
    /// - Returns: one warning per non-baseline entry over the budget, then one when no local
    ///   entry fits.
    static func warnings(ladder: [LadderEntry], maxSizeBytes: Int?, estimatedBytes: (LadderEntry) -> Int?) -> [String] {
        guard let limit = maxSizeBytes else { return [] }
        let candidates = ladder.enumerated().dropFirst().filter { $0.element.hasGGUF }
        var warnings = candidates.compactMap { index, entry -> String? in
            guard let bytes = estimatedBytes(entry), bytes > limit else { return nil }
            return "ladder[\(index)] \(entry.name) (about \(ByteFormat.megabytes(bytes))) is over max_size \(ByteFormat.megabytes(limit)): it is measured but cannot be selected"
        }
        if !candidates.isEmpty, candidates.allSatisfy({ (estimatedBytes($0.element) ?? 0) > limit }) {
            warnings.append("no ladder entry fits max_size \(ByteFormat.megabytes(limit)): the run can only keep the baseline (exit 3); add a smaller type or raise the budget")
        }
        return warnings
    }
}
