import LlamaTools

/// Warns, at plan time, about ladder entries that are not smaller than the baseline: a ladder
/// in the wrong order ([Q8_0, F16, Q2_K]) measures F16 against Q8_0, and selection never
/// picks such an entry (`SelectionPolicy`), so the user should know before the run.
enum LadderOrder {
    /// - Parameter estimatedBytes: each entry's estimated file size, in bytes.
    /// - Returns: one warning per entry whose estimate is not below the baseline's.
    static func warnings(ladder: [QuantType], estimatedBytes: (QuantType) -> Int) -> [String] {
        guard let baseline = ladder.first else { return [] }
        let baselineBytes = estimatedBytes(baseline)
        return ladder.enumerated().dropFirst().compactMap { index, type in
            let bytes = estimatedBytes(type)
            guard bytes >= baselineBytes else { return nil }
            return "ladder[\(index)] \(type.name) (about \(ByteFormat.megabytes(bytes))) is not smaller than the baseline \(baseline.name) (about \(ByteFormat.megabytes(baselineBytes))): it is measured but never selected; put the largest type first"
        }
    }
}
