import LlamaTools

/// A group of tensors a domain mix gives one type: every block's `attn_v`, the output
/// matrix, … named as llama.cpp names the tensors (`blk.N.attn_v.weight`), with the
/// `--tensor-type` pattern that selects exactly them.
public struct TensorGroup: Sendable, Equatable, Hashable {
    /// The group's name in recipes and reports: `attn_q`, …, `token_embd`, `output`.
    public var name: String
    /// llama-quantize's pattern for it (a regular-expression search in tensor names; anchored
    /// so that `output` does not also select every `attn_output`).
    public var pattern: String

    /// The nine groups of a dense decoder (issue 17): attention projections, feed-forward
    /// projections, the token embeddings and the output matrix.
    public static let standard: [TensorGroup] = [
        "attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down",
    ].map { TensorGroup(name: $0, pattern: "\\.\($0)\\.weight$") } + [
        TensorGroup(name: "token_embd", pattern: "^token_embd\\.weight$"),
        TensorGroup(name: "output", pattern: "^output\\.weight$"),
    ]

    /// Whether the tensor named `name` is in the group, as llama-quantize matches the pattern.
    public func selects(_ name: String) -> Bool { name.range(of: pattern, options: .regularExpression) != nil }

    /// The types of `tensors` that are in the group, most tensors first (ties by name).
    public func types(in tensors: [GGUFTensor], typeOf: (GGUFTensor) -> String = \.typeName) -> [String] {
        var counts: [String: Int] = [:]
        for tensor in tensors where selects(tensor.name) { counts[typeOf(tensor), default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }

    /// The standard group named `name`, if there is one.
    public static func named(_ name: String) -> TensorGroup? { standard.first { $0.name == name } }
}
