import LlamaTools

/// The choice of a domain mix: one type per tensor group (the base's own, one step down or
/// one step up) that minimises the summed domain-KLD increase while the file stays within the
/// target size.
///
/// Each group's increase is measured alone (``SensitivityStage``) and the increases are taken
/// as additive, the assumption of per-tensor sensitivity methods (GGUF-Tool-Suite, llama.cpp's
/// `--target-bpw` proposal). The problem is then a multiple-choice knapsack (Sinha and
/// Zoltners 1979: pick exactly one item per class under a weight bound), solved exactly by
/// exhaustive search with a size bound: at most 3^9 = 19,683 combinations for the nine
/// groups. Ties go to the smaller file, then to fewer changed groups.
enum MixChoice {
    /// The method's name as the report states it.
    static let method = "exact multiple-choice knapsack (exhaustive) over per-group domain-KLD increases, taken as additive"

    /// One way to set one group.
    struct Option: Sendable, Equatable {
        /// The group.
        var group: TensorGroup
        /// The type asked for it; nil to keep the base's choice.
        var type: GGMLType?
        /// Bytes the file gains with it (negative: saves).
        var deltaBytes: Int
        /// Domain KLD it adds, in nats (negative: removes).
        var deltaKLD: Double
    }

    /// - Parameters:
    ///   - options: per group, its options; the base's own (type nil, zero deltas) should be one.
    ///   - budget: bytes the mix may add to the base (negative: it must save that many).
    /// - Returns: one option per group, in the order given; nil when no combination fits.
    static func choose(_ options: [[Option]], budget: Int) -> [Option]? {
        let smallest = options.map { $0.map(\.deltaBytes).min() ?? 0 }
        var leastAfter = [Int](repeating: 0, count: options.count + 1)
        for index in stride(from: options.count - 1, through: 0, by: -1) { leastAfter[index] = leastAfter[index + 1] + smallest[index] }
        var best: (kld: Double, bytes: Int, changed: Int, picks: [Option])?
        var picks: [Option] = []
        func search(_ index: Int, bytes: Int, kld: Double) {
            guard bytes + leastAfter[index] <= budget else { return }
            guard index < options.count else {
                let changed = picks.filter { $0.type != nil }.count
                if let current = best, (current.kld, current.bytes, current.changed) <= (kld, bytes, changed) { return }
                best = (kld, bytes, changed, picks)
                return
            }
            for option in options[index] {
                picks.append(option)
                search(index + 1, bytes: bytes + option.deltaBytes, kld: kld + option.deltaKLD)
                picks.removeLast()
            }
        }
        search(0, bytes: 0, kld: 0)
        return best?.picks
    }
}
