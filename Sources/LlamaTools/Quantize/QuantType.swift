import Foundation

/// A quantization type as llama-quantize names it (`F16`, `Q8_0`, `Q4_K_M` …): what a GGUF is
/// quantized to. The list mirrors `QUANT_OPTIONS` in llama.cpp's `tools/quantize/quantize.cpp`
/// (build 11434), which `llama-quantize --help` prints; a test compares the two so that a newer
/// llama.cpp cannot add or drop a type unnoticed.
///
/// ```swift
/// let type = try QuantType(parsing: "q4_k")   // Q4_K_M (Q4_K is llama-quantize's alias)
/// type.nominalBitsPerWeight                    // 4.5
/// ```
///
/// Encoded in JSON as its name, e.g. `"Q4_K_M"`.
public struct QuantType: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name as llama-quantize spells it.
    public let name: String
    /// Nominal bits per weight. Where llama-quantize's help prints a bpw for the type (the IQ,
    /// TQ, Q1_0 and Q2_0 types) it is that printed number; otherwise it is the block bpw of the
    /// ggml type the file type is named after (ggml's `type_size`·8/`blck_size`: Q8_0 8.5,
    /// Q6_K 6.5625, Q4_K_M 4.5 from q4_K, F16 16). Nil for MXFP4_MOE and COPY, which have none.
    /// A whole file lands higher: some tensors stay at higher precision (see `GGUFInfo.bitsPerWeight`).
    public let nominalBitsPerWeight: Double?
    /// llama.cpp's `enum llama_ftype` value, as stored in `general.file_type` of the output
    /// (Q4_K_M 15); nil for COPY, which keeps the input's types.
    public let fileType: Int?

    /// Every type this llama-quantize accepts (aliases excluded; see `aliases`), in the order
    /// its help lists them.
    public static let all: [QuantType] = [
        QuantType("Q1_0", 40, 1.125), QuantType("Q2_0", 41, 2.25),
        QuantType("Q4_0", 2, 4.5), QuantType("Q4_1", 3, 5.0),
        QuantType("MXFP4_MOE", 38, nil),
        QuantType("Q5_0", 8, 5.5), QuantType("Q5_1", 9, 6.0),
        QuantType("IQ2_XXS", 19, 2.06), QuantType("IQ2_XS", 20, 2.31),
        QuantType("IQ2_S", 28, 2.5), QuantType("IQ2_M", 29, 2.7),
        QuantType("IQ1_S", 24, 1.56), QuantType("IQ1_M", 31, 1.75),
        QuantType("TQ1_0", 36, 1.69), QuantType("TQ2_0", 37, 2.06),
        QuantType("Q2_K", 10, 2.625), QuantType("Q2_K_S", 21, 2.625),
        QuantType("IQ3_XXS", 23, 3.06), QuantType("IQ3_S", 26, 3.44),
        QuantType("IQ3_M", 27, 3.66), QuantType("IQ3_XS", 22, 3.3),
        QuantType("Q3_K_S", 11, 3.4375), QuantType("Q3_K_M", 12, 3.4375), QuantType("Q3_K_L", 13, 3.4375),
        QuantType("IQ4_NL", 25, 4.5), QuantType("IQ4_XS", 30, 4.25),
        QuantType("Q4_K_S", 14, 4.5), QuantType("Q4_K_M", 15, 4.5),
        QuantType("Q5_K_S", 16, 5.5), QuantType("Q5_K_M", 17, 5.5),
        QuantType("Q6_K", 18, 6.5625), QuantType("Q8_0", 7, 8.5),
        QuantType("F16", 1, 16), QuantType("BF16", 32, 16), QuantType("F32", 0, 32),
        QuantType("COPY", nil, nil),
    ]

    /// Short names llama-quantize accepts for a mix: alias → the type it stands for.
    public static let aliases: [String: String] = ["Q3_K": "Q3_K_M", "Q4_K": "Q4_K_M", "Q5_K": "Q5_K_M"]

    /// The type named `text`, ignoring case and surrounding spaces; aliases resolve to the mix
    /// they stand for ("Q4_K" → Q4_K_M).
    /// - Throws: `QuantTypeError.unknown`, listing the valid names.
    public init(parsing text: String) throws(QuantTypeError) {
        let wanted = text.trimmingCharacters(in: .whitespaces).uppercased()
        let canonical = Self.aliases[wanted] ?? wanted
        guard let found = Self.all.first(where: { $0.name == canonical }) else {
            throw .unknown(text, valid: Self.all.map(\.name) + Self.aliases.keys.sorted())
        }
        self = found
    }

    /// The type whose `general.file_type` is `fileType` (llama.cpp's `enum llama_ftype`);
    /// nil for a value this list does not know.
    public init?(fileType: Int) {
        guard let found = Self.all.first(where: { $0.fileType == fileType }) else { return nil }
        self = found
    }

    private init(_ name: String, _ fileType: Int?, _ bits: Double?) {
        self.name = name
        self.fileType = fileType
        nominalBitsPerWeight = bits
    }

    /// True for the unquantized formats F32, F16 and BF16.
    public var isFloat: Bool { ["F32", "F16", "BF16"].contains(name) }

    /// The name as llama-quantize spells it.
    public var description: String { name }

    /// Decodes a name such as `"Q4_K_M"` (parsed as by `init(parsing:)`).
    /// - Throws: `DecodingError.dataCorrupted` with `QuantTypeError`'s message for an unknown name.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the type as its name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
