/// A tensor llama-quantize gave another type than the one it chose, because the chosen type's
/// blocks do not divide the tensor's rows (`tensor_type_fallback` in `src/llama-quant.cpp`):
/// on a model with 576-weight rows, a Q4_K_M's q4_K tensors become q5_0.
public struct QuantizeFallback: Codable, Sendable, Equatable {
    /// The GGUF tensor name ("blk.0.attn_q.weight").
    public var tensor: String
    /// ggml type llama-quantize chose first ("q4_K").
    public var wanted: String
    /// ggml type it wrote instead ("q5_0", or "f16" when no block type fits).
    public var used: String
    /// Why, in words: "576 columns not divisible by 256".
    public var reason: String

    /// Memberwise.
    public init(tensor: String, wanted: String, used: String, reason: String) {
        self.tensor = tensor
        self.wanted = wanted
        self.used = used
        self.reason = reason
    }

    /// The fallbacks in llama-quantize's output, in the order it printed them: lines such as
    /// `warning: blk.0.attn_q.weight  - ncols    576 not divisible by 256 (required for type    q4_K) -> falling back to    q5_0`
    /// (build 11434's wording, with the column padding of its format string). Other lines are ignored.
    public static func parse(_ output: String) -> [QuantizeFallback] {
        output.split(separator: "\n").compactMap { line in
            // A "(WARNING: must use F16 …)" note sits before the arrow when even the fallback does not fit.
            let pattern = /warning: (\S+)\s+- ncols\s+(\d+) not divisible by\s+(\d+) \(required for type\s+(\S+)\)[^>]*-> falling back to\s+(\S+)/
            guard let match = line.firstMatch(of: pattern) else { return nil }
            return QuantizeFallback(tensor: String(match.1), wanted: String(match.4), used: String(match.5),
                                    reason: "\(match.2) columns not divisible by \(match.3)")
        }
    }
}
