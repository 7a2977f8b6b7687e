import LlamaTools
import Reports

/// A quantize record's fallbacks as the report counts them: one group per (wanted → used,
/// reason), since a reader needs "166 × q4_K → q5_0", not 166 tensor names.
enum FallbackGroups {
    /// - Returns: the groups, most tensors first (then by wanted and used type, for a stable order).
    static func of(_ fallbacks: [QuantizeFallback]) -> [FallbackGroup] {
        let counted = Dictionary(grouping: fallbacks) { [$0.wanted, $0.used, $0.reason] }
        return counted.map { FallbackGroup(wanted: $0.key[0], used: $0.key[1], tensors: $0.value.count, reason: $0.key[2]) }
            .sorted { ($0.tensors, $1.wanted, $1.used, $1.reason) > ($1.tensors, $0.wanted, $0.used, $0.reason) }
    }
}
