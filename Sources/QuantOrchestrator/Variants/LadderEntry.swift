import Foundation
import LlamaTools

/// One rung of the recipe's ladder: a variant to evaluate and where its answers come from.
///
/// `name` is the variant's id everywhere: its GGUF's file name, its answers file, its report
/// row, `compare`. A stock entry (`Q4_K_M`) is named after its type; the other kinds carry a
/// `name` of their own. Recipe fields: docs/ARCHITECTURE.md "Ladder entries".
public struct LadderEntry: Sendable, Equatable {
    /// The variant's id: letters, digits, `.`, `_`, `-`, unique in the ladder.
    public var name: String
    /// Where the variant's GGUF or answers come from.
    public var kind: Kind

    /// The kinds of ladder entry.
    public enum Kind: Sendable, Equatable {
        /// `llama-quantize` from the master GGUF to `type`, with `--tensor-type PATTERN=TYPE`
        /// for each override (none for a stock entry) and the recipe's imatrix when it has one.
        case quantize(QuantType, tensorTypes: [TensorTypeOverride])
        /// An existing GGUF evaluated as it is (no quantize; its sha256 is recorded).
        case gguf(URL)
        /// A model already served by an OpenAI-compatible chat endpoint: answers only.
        case endpoint(RemoteEndpoint)
        /// A domain mix: tensor-type pairs chosen at run time from the domain sensitivity of its
        /// base (``MixChoice``), then quantized as a tensor-type entry of the base's file type.
        case mix(MixRequest)
    }

    /// A stock entry: `type` quantized with llama-quantize's own per-tensor choices.
    public init(stock type: QuantType) {
        name = type.name
        kind = .quantize(type, tensorTypes: [])
    }

    /// An entry of any kind.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The type llama-quantize makes, for a quantize entry; nil for the other kinds.
    public var quantType: QuantType? {
        switch kind {
        case let .quantize(type, _): type
        case let .mix(request): request.base
        case .gguf, .endpoint: nil
        }
    }

    /// The mix's request, for a `mix` entry.
    public var mixRequest: MixRequest? {
        if case let .mix(request) = kind { return request }
        return nil
    }

    /// True when the variant is a local GGUF (served by our llama-server, measured for KLD).
    public var hasGGUF: Bool {
        if case .endpoint = kind { return false }
        return true
    }

    /// The kind's name in recipes, plans and reports: "quantize", "tensor-type mix", "domain
    /// mix", "gguf" or "endpoint".
    public var kindName: String {
        switch kind {
        case let .quantize(_, overrides): overrides.isEmpty ? "quantize" : "tensor-type mix"
        case .mix: "domain mix"
        case .gguf: "gguf"
        case .endpoint: "endpoint"
        }
    }

    /// Characters a name may hold: it becomes a file name and a git tree entry.
    static let nameCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
}

/// One `tensor_types` pair of a mix: tensors whose name matches `pattern` (llama-quantize's
/// `--tensor-type` matching, e.g. `attn_v` or `blk\.[0-3]\.ffn_down`) get `type`.
public struct TensorTypeOverride: Sendable, Equatable {
    /// The tensor-name pattern as llama-quantize takes it.
    public var pattern: String
    /// The ggml tensor type those tensors get (q6_K, q8_0, f16 …: a tensor type, not a file
    /// type mix such as Q4_K_M).
    public var type: GGMLType

    /// The `--tensor-type` argument: `PATTERN=TYPE`, the type spelled as ggml names it.
    public var argument: String { "\(pattern)=\(type.name)" }
}

/// An OpenAI-compatible chat endpoint (vLLM, a hosted API, another llama-server).
public struct RemoteEndpoint: Sendable, Equatable {
    /// Base URL ending in `/v1`; requests go to `<url>/chat/completions`.
    public var url: URL
    /// The `model` field of each request.
    public var model: String
    /// The environment variable holding the API key, read at run time; nil for no key.
    public var apiKeyEnvironmentVariable: String?
    /// A PEM file of CA certificates to trust for HTTPS, instead of the system's.
    public var caFile: URL?
    /// The served model's size in bytes, when the user states it (it cannot be measured).
    public var sizeBytes: Int?
}
