import LlamaTools

/// Warns, at plan time, about ladder entries that are not smaller than the baseline: a ladder
/// in the wrong order ([Q8_0, F16, Q2_K]) measures F16 against Q8_0, and selection never
/// picks such an entry (`SelectionPolicy`), so the user should know before the run.
enum LadderOrder {
    /// - Parameter estimatedBytes: each entry's estimated file size in bytes, nil when unknown
    ///   (an endpoint without `size_bytes`), which gives no warning.
    /// - Returns: one warning per entry whose estimate is not below the baseline's.
    static func warnings(ladder: [LadderEntry], estimatedBytes: (LadderEntry) -> Int?) -> [String] {
        guard let baseline = ladder.first, let baselineBytes = estimatedBytes(baseline) else { return [] }
        return ladder.enumerated().dropFirst().compactMap { index, entry in
            guard let bytes = estimatedBytes(entry), bytes >= baselineBytes else { return nil }
            return "ladder[\(index)] \(entry.name) (about \(ByteFormat.megabytes(bytes))) is not smaller than the baseline \(baseline.name) (about \(ByteFormat.megabytes(baselineBytes))): it is measured but never selected; put the largest type first"
        }
    }
}
