/// One entry of a GGUF tensor table: what llama-quantize decides a tensor's type from.
///
/// `shape` is in ggml's order: `shape[0]` is the row length (the column count llama-quantize
/// checks against a type's block size), the reverse of PyTorch's order.
public struct GGUFTensor: Sendable, Equatable {
    /// The GGUF tensor name ("blk.0.attn_v.weight", "token_embd.weight").
    public var name: String
    /// Extents, innermost first (ggml `ne`).
    public var shape: [Int]
    /// ggml's type name ("f16", "q4_K", "f32").
    public var typeName: String

    /// Memberwise.
    public init(name: String, shape: [Int], typeName: String) {
        self.name = name
        self.shape = shape
        self.typeName = typeName
    }

    /// Number of weights.
    public var elementCount: Int { shape.reduce(1, *) }
}
