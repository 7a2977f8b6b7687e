import LlamaTools

/// A `{name, mix: {base, target_size, groups}}` ladder entry: a per-tensor-group mix that
/// quantorch chooses from the domain sensitivity of `base` (``MixChoice``) and then
/// quantizes as a tensor-type entry of file type `base`.
public struct MixRequest: Sendable, Equatable {
    /// The file type the mix starts from and llama-quantize makes (Q4_K_M).
    public var base: QuantType
    /// The size the mix must not exceed.
    public var target: MixTarget
    /// The groups whose type may change, in order; default ``TensorGroup/standard``.
    public var groups: [TensorGroup]
}

/// `target_size`: what the mix's GGUF may weigh at most.
public enum MixTarget: Sendable, Equatable {
    /// "same as Q4_K_M": the estimated size of that stock quant type of the master.
    case sameAs(QuantType)
    /// A size in bytes ("90 MB", 94371840).
    case bytes(Int)
    /// Bits per weight over the master's parameters ("4.8 bpw").
    case bitsPerWeight(Double)

    /// How the recipe spells it, for plans and reports.
    public var text: String {
        switch self {
        case let .sameAs(type): "same as \(type.name)"
        case let .bytes(bytes): "\(bytes) bytes"
        case let .bitsPerWeight(bpw): "\(bpw) bpw"
        }
    }
}
