import LlamaTools

/// One measurement of a mix's sensitivity: the master quantized to `base` with `group`
/// alone set to `type` (both nil: the base as llama-quantize makes it, the reference the
/// others are compared with).
struct SensitivityProbe: Sendable, Equatable, Hashable {
    var base: QuantType
    var group: TensorGroup?
    var type: GGMLType?

    init(base: QuantType, group: TensorGroup? = nil, type: GGMLType? = nil) {
        self.base = base
        self.group = group
        self.type = type
    }

    /// The `--tensor-type` pairs of the measurement.
    var overrides: [TensorTypeOverride] {
        guard let group, let type else { return [] }
        return [TensorTypeOverride(pattern: group.pattern, type: type)]
    }

    /// "sensitivity Q4_K_M attn_v=q5_K", or "sensitivity Q4_K_M" for the base alone.
    var label: String {
        guard let group, let type else { return "sensitivity \(base.name)" }
        return "sensitivity \(base.name) \(group.name)=\(type.name)"
    }
}

extension GGMLType: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
