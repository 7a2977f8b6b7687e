import LlamaTools

/// What each tensor group of a mix weighs at each type, from the master's tensor table and
/// llama-quantize's own per-tensor choices (``TensorTypeChoice``): the sizes the mix is chosen
/// by, and the one step down and up that the sensitivity measures per group.
///
/// Sizes are of the tensor data with GGUF's 32-byte alignment of each tensor, so a mix's size
/// relative to its base is exact: the header does not change with the tensor types.
struct GroupSizing: Sendable {
    let layout: ModelLayout
    let base: QuantType
    let hasImportanceMatrix: Bool

    /// The types a group may be set to: the K-quants and q8_0. Where a K-quant's blocks do not
    /// divide a group's rows, llama-quantize writes its fallback (q4_K → q5_0), which is the
    /// size it is offered at; of two that come out the same size, the smaller type is offered.
    static let candidates = ["q2_K", "q3_K", "q4_K", "q5_K", "q6_K", "q8_0"].compactMap { GGMLType.named($0) }

    /// GGUF's default tensor-data alignment (`general.alignment`), in bytes.
    static let alignment = 32

    /// The quantizable tensors `group`'s pattern selects.
    func tensors(in group: TensorGroup) -> [GGUFTensor] {
        layout.tensors.filter { TensorTypeChoice.allowsQuantization($0) && group.selects($0.name) }
    }

    /// llama-quantize's choice for the base, with `group` alone set to `type` when one is given.
    private func choice(_ group: TensorGroup, _ type: GGMLType?) -> TensorTypeChoice {
        TensorTypeChoice(layout: layout, quant: base, hasImportanceMatrix: hasImportanceMatrix,
                         overrides: type.map { [TensorTypeOverride(pattern: group.pattern, type: $0)] } ?? [])
    }

    /// Bytes of `group`'s tensors in the base type, or with the group alone set to `type`.
    func bytes(of group: TensorGroup, as type: GGMLType? = nil) -> Int {
        let choice = choice(group, type)
        return tensors(in: group).reduce(0) { total, tensor in
            let data = choice.bytes(of: tensor, as: choice.type(of: tensor))
            return total + (data + Self.alignment - 1) / Self.alignment * Self.alignment
        }
    }

    /// The ggml types `group`'s tensors get with the group set to `type` (after llama-quantize's
    /// fallbacks for rows its blocks do not divide), most tensors first.
    func effectiveTypes(of group: TensorGroup, as type: GGMLType? = nil) -> [String] {
        group.types(in: tensors(in: group), typeOf: choice(group, type).type(of:))
    }

    /// The one step down and up from the base for `group`: the candidate type with the most
    /// bytes below the base's, and the one with the fewest above; nil where there is none, and
    /// both nil for a group with no tensors (the output matrix of a model with tied embeddings).
    func steps(of group: TensorGroup) -> (lower: GGMLType?, higher: GGMLType?) {
        guard !tensors(in: group).isEmpty else { return (nil, nil) }
        let baseBytes = bytes(of: group)
        var offered: [Int: GGMLType] = [:]
        for type in Self.candidates {
            let size = bytes(of: group, as: type)
            if offered[size] == nil { offered[size] = type }
        }
        let lower = offered.filter { $0.key < baseBytes }.max { $0.key < $1.key }?.value
        let higher = offered.filter { $0.key > baseBytes }.min { $0.key < $1.key }?.value
        return (lower, higher)
    }
}
