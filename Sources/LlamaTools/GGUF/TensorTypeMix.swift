/// What a GGUF really holds, per ggml type: a file named Q4_K_M may keep most of its bytes in
/// q5_0 when the model's rows do not fit q4_K's 256-weight blocks, and only the tensor table
/// says so.
public struct TensorTypeMix: Sendable, Equatable {
    /// The tensors of one ggml type.
    public struct Share: Sendable, Equatable {
        /// ggml's type name ("q4_K", "f32").
        public var type: String
        /// Number of tensors of this type.
        public var tensors: Int
        /// Bytes of their data (rows × the type's row bytes; no header, no alignment padding).
        public var bytes: Int
        /// Number of weights they hold.
        public var weights: Int
        /// Whether the type is block-quantized (`GGMLType.isQuantized`).
        public var isQuantized: Bool
    }

    /// One entry per ggml type present, most bytes first (then by name, so the order is stable).
    public var shares: [Share]
    /// Size of the whole file in bytes, header included.
    public var fileBytes: Int

    /// The mix of `info`'s tensor table; nil when a tensor's type is one this build does not
    /// know the block layout of (its bytes would be a guess), or a row is not a whole number
    /// of blocks (not a file ggml could have written).
    public init?(_ info: GGUFInfo) {
        var byType: [String: Share] = [:]
        for tensor in info.tensors {
            guard let type = GGMLType.named(tensor.typeName), let columns = tensor.shape.first, columns > 0,
                  let rowBytes = type.rowBytes(columns: columns) else { return nil }
            let weights = tensor.elementCount
            var share = byType[type.name] ?? Share(type: type.name, tensors: 0, bytes: 0, weights: 0, isQuantized: type.isQuantized)
            share.tensors += 1
            share.bytes += weights / columns * rowBytes
            share.weights += weights
            byType[type.name] = share
        }
        shares = byType.values.sorted { ($0.bytes, $1.type) > ($1.bytes, $0.type) }
        fileBytes = info.fileSizeBytes
    }

    /// Bits per weight of the block-quantized tensors alone (their bits / their weights), the
    /// figure to hold against a type's nominal bpw (4.5 for q4_K); nil when none is quantized.
    public var quantizedBitsPerWeight: Double? {
        let quantized = shares.filter(\.isQuantized)
        let weights = quantized.reduce(0) { $0 + $1.weights }
        guard weights > 0 else { return nil }
        return Double(quantized.reduce(0) { $0 + $1.bytes } * 8) / Double(weights)
    }

    /// Bits per weight of the whole file: file bits / all weights (norms and embeddings
    /// included), as `GGUFInfo.bitsPerWeight`.
    public var fileBitsPerWeight: Double {
        let weights = shares.reduce(0) { $0 + $1.weights }
        return weights > 0 ? Double(fileBytes * 8) / Double(weights) : 0
    }
}
