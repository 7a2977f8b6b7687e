import LlamaTools

/// The ggml type llama-quantize gives each tensor for a quant type, so a file's size can be
/// known before it is written: a Q2_K of SmolLM2-135M is 84 MiB, not the 42 MiB its nominal
/// 2.625 bpw suggests, because the tied token embeddings go to Q6_K and attn_v/ffn_down/
/// attn_output get more bits.
///
/// A port of `llama_tensor_get_type` and `tensor_type_fallback` in llama.cpp's
/// `src/llama-quant.cpp` (build 11434) without its mixture-of-experts rules (8-expert models),
/// the overrides quantorch never passes (`--pure`, `--output-tensor-type`) and the Falcon and
/// 70B special cases, which it never meets in the models it targets:
/// - only tensors of 2+ dimensions whose name ends in "weight" and is not a norm
///   (`_norm.weight`) or an expert gate (`ffn_gate_inp`) are quantized; the rest keep their type;
/// - `output.weight`, and the token embeddings when they are tied to it (no output.weight),
///   become Q6_K (Q5_K for the IQ1/IQ2 mixes; Q8_0 when their rows do not fit 256-blocks);
/// - attn_v, ffn_down and attn_output take the per-mix upgrades of the source, by layer;
/// - a type whose block does not divide the row length falls back (Q2_K/Q3_K → Q4_0,
///   Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0, IQ* → IQ4_NL), then to F16;
/// - a `--tensor-type PATTERN=TYPE` pair (a mix's `tensor_types`) replaces the choice for a
///   quantizable tensor whose name the pattern matches (a regular-expression search, as
///   llama-quantize's `std::regex_search`), the first matching pair winning.
struct TensorTypeChoice: Sendable {
    let layout: ModelLayout
    let quant: QuantType
    let hasImportanceMatrix: Bool
    let overrides: [TensorTypeOverride]
    /// No `output.weight`: the token embeddings double as the output (llama-quantize's
    /// `has_tied_embeddings`).
    private let tiedEmbeddings: Bool
    /// attn_v-like tensors in the model (`n_attention_wv`).
    private let valueTensors: Int

    /// - Parameters:
    ///   - layout: the master GGUF's tensors.
    ///   - quant: the file type asked of llama-quantize.
    ///   - hasImportanceMatrix: whether `--imatrix` is passed (some IQ/legacy choices depend on it).
    ///   - overrides: a mix's `--tensor-type` pairs, in order.
    init(layout: ModelLayout, quant: QuantType, hasImportanceMatrix: Bool, overrides: [TensorTypeOverride] = []) {
        self.layout = layout
        self.quant = quant
        self.hasImportanceMatrix = hasImportanceMatrix
        self.overrides = overrides
        tiedEmbeddings = !layout.tensors.contains { $0.name == "output.weight" }
        valueTensors = layout.tensors.filter { Self.isValueLike($0.name) }.count
    }

    /// attn_v, fused attn_qkv and MLA's attn_kv_b: the tensors llama-quantize gives more bits together.
    private static func isValueLike(_ name: String) -> Bool {
        name.contains("attn_v.weight") || name.contains("attn_qkv.weight") || name.contains("attn_kv_b.weight")
    }

    /// The file's estimated size in bytes: header plus every tensor at its chosen type.
    var fileBytes: Int {
        layout.headerBytes + layout.tensors.reduce(0) { $0 + bytes(of: $1, as: type(of: $1)) }
    }

    /// The ggml type name of `tensor` in the output.
    func type(of tensor: GGUFTensor) -> String {
        let choice = firstChoice(for: tensor)
        return choice.blocked ? fallback(choice.type, columns: tensor.shape[0]) : choice.type
    }

    /// The tensors whose first-chosen type's blocks do not divide their rows, with that type
    /// (`wanted`) and the one llama-quantize writes instead (`used`), in tensor-table order:
    /// what its "falling back to" lines will say.
    func fallbacks() -> [(tensor: GGUFTensor, wanted: String, used: String)] {
        layout.tensors.compactMap { tensor in
            let choice = firstChoice(for: tensor)
            guard choice.blocked else { return nil }
            let used = fallback(choice.type, columns: tensor.shape[0])
            return used == choice.type ? nil : (tensor, choice.type, used)
        }
    }

    /// The `--tensor-type` pair that decides `tensor`'s type: the first whose pattern its name
    /// matches, as in llama-quantize; nil when none does.
    func override(for tensor: GGUFTensor) -> TensorTypeOverride? {
        overrides.first { tensor.name.range(of: $0.pattern, options: .regularExpression) != nil }
    }

    /// The type llama-quantize picks before checking the rows, and whether it is a block type
    /// that check applies to (a kept or plain-number type is written as it is).
    private func firstChoice(for tensor: GGUFTensor) -> (type: String, blocked: Bool) {
        guard let target = defaultType, Self.allowsQuantization(tensor) else { return (tensor.typeName, false) }
        if let override = override(for: tensor) {
            return (override.type.name, override.type.isQuantized)
        }
        guard GGMLType.named(target)?.isQuantized == true else { return (target, false) }
        return (chosen(for: tensor, default: target), true)
    }

    /// Bytes of `tensor`'s data at the ggml type `typeName` (f16 for a name ggml lacks).
    func bytes(of tensor: GGUFTensor, as typeName: String) -> Int {
        let columns = tensor.shape[0]
        let rows = tensor.elementCount / max(1, columns)
        let type = GGMLType.named(typeName) ?? GGMLType.named("f16")
        return rows * (type?.rowBytes(columns: columns) ?? columns * 2)
    }

    private var name: String { quant.name }

    /// `llama_ftype_get_default_type`.
    private var defaultType: String? {
        switch name {
        case "F32": "f32"
        case "F16": "f16"
        case "BF16": "bf16"
        case "Q4_0": "q4_0"
        case "Q4_1": "q4_1"
        case "Q5_0": "q5_0"
        case "Q5_1": "q5_1"
        case "Q8_0": "q8_0"
        case "Q1_0": "q1_0"
        case "Q2_0": "q2_0"
        case "MXFP4_MOE": "mxfp4"
        case "Q2_K", "Q2_K_S": "q2_K"
        case "IQ3_XS", "IQ3_S", "IQ3_M": "iq3_s"
        case "Q3_K_S", "Q3_K_M", "Q3_K_L": "q3_K"
        case "Q4_K_S", "Q4_K_M": "q4_K"
        case "Q5_K_S", "Q5_K_M": "q5_K"
        case "Q6_K": "q6_K"
        case "TQ1_0": "tq1_0"
        case "TQ2_0": "tq2_0"
        case "IQ2_XXS": "iq2_xxs"
        case "IQ2_XS", "IQ2_S": "iq2_xs"
        case "IQ2_M": "iq2_s"
        case "IQ3_XXS": "iq3_xxs"
        case "IQ1_S": "iq1_s"
        case "IQ1_M": "iq1_m"
        case "IQ4_NL": "iq4_nl"
        case "IQ4_XS": "iq4_xs"
        default: nil
        }
    }

    /// `tensor_allows_quantization` for the tensors a causal LM has.
    static func allowsQuantization(_ tensor: GGUFTensor) -> Bool {
        let name = tensor.name
        return tensor.shape.count >= 2 && name.hasSuffix("weight") && !name.contains("_norm.weight")
            && !name.contains("ffn_gate_inp.weight") && !name.contains("ssm_conv1d") && !name.contains("attn_rel_b.weight")
            && name != "position_embd.weight" && name != "token_types.weight"
    }

    private var layers: Int { max(1, layout.blockCount) }
    private var gqa: Int { layout.headsPerKVHead }
    private var isIQ2Mix: Bool { ["IQ2_XXS", "IQ2_XS", "IQ1_S", "IQ2_S", "IQ2_M", "IQ1_M"].contains(name) }

    private func useMoreBits(_ layer: Int, _ count: Int) -> Bool {
        layer < count / 8 || layer >= 7 * count / 8 || (layer - count / 8) % 3 == 2
    }

    /// `llama_tensor_get_type_impl`, by tensor role.
    private func chosen(for tensor: GGUFTensor, default target: String) -> String {
        let tensorName = tensor.name
        let layer = tensor.layer ?? 0
        let attentionV = Self.isValueLike(tensorName)
        let isEmbedding = tensorName == "token_embd.weight" || tensorName == "per_layer_token_embd.weight"
        if tensorName == "output.weight" || (tiedEmbeddings && isEmbedding) {
            let block = GGMLType.named(target)?.blockSize ?? 1
            if layout.architecture == "falcon" || tensor.shape[0] % block != 0 { return "q8_0" }
            if isIQ2Mix || name == "IQ3_XXS" { return "q5_K" }
            return target == "q8_0" ? target : "q6_K"
        }
        if name == "MXFP4_MOE" { return tensor.shape.count > 2 && tensor.shape[2] > 1 ? "mxfp4" : "q8_0" }
        if isEmbedding {
            switch name {
            case "IQ2_XXS", "IQ2_XS", "IQ1_S", "IQ1_M": return "q2_K"
            case "IQ2_S", "IQ2_M", "IQ3_XXS": return "iq3_s"
            case "TQ1_0", "TQ2_0", "Q2_0": return "q4_K"
            default: return target
            }
        }
        if isIQ2Mix {
            if attentionV { return gqa >= 4 ? "q4_K" : ["IQ2_S", "IQ2_M"].contains(name) ? "iq3_s" : "q2_K" }
            if tensorName.contains("ffn_down"), layer < layers / 8 { return ["IQ2_S", "IQ2_M"].contains(name) ? "iq3_s" : "q2_K" }
            if tensorName.contains("attn_output.weight") {
                if ["IQ1_S", "IQ1_M"].contains(name) { return "iq2_xxs" }
                if ["IQ2_S", "IQ2_M"].contains(name) { return "iq3_s" }
            }
            return target
        }
        if attentionV { return valueType(layer: layer, count: valueTensors, target: target) }
        if tensorName.contains("attn_k.weight") || tensorName.contains("attn_q.weight") {
            return name == "IQ3_XS" ? "iq3_xxs" : name == "IQ3_XXS" ? "iq2_s" : target
        }
        if tensorName.contains("ffn_down") { return downType(layer: layer, target: target) }
        if tensorName.contains("attn_output.weight") {
            switch name {
            case "Q2_K": return "q3_K"
            case "IQ3_XXS": return "iq3_s"
            case "Q3_K_M", "IQ3_M": return "q4_K"
            case "Q3_K_L": return "q5_K"
            default: return target
            }
        }
        if (tensorName.contains("ffn_gate") || tensorName.contains("ffn_up")), name == "IQ3_XS",
           layer >= layers / 8, layer < 7 * layers / 8 {
            return "iq3_xxs"
        }
        return target
    }

    private func valueType(layer: Int, count: Int, target: String) -> String {
        switch name {
        case "Q2_K": return gqa >= 4 ? "q4_K" : "q3_K"
        case "Q2_K_S" where gqa >= 4: return "q4_K"
        case "IQ3_XXS": return gqa >= 4 ? "q4_K" : hasImportanceMatrix ? "iq3_xxs" : "iq3_s"
        case "IQ3_XS" where gqa >= 4, "IQ3_S" where gqa >= 4: return "q4_K"
        case "IQ3_M": return "q4_K"
        case "Q3_K_M": return layer < 2 ? "q5_K" : "q4_K"
        case "Q3_K_L": return "q5_K"
        case "IQ4_NL" where gqa >= 4, "IQ4_XS" where gqa >= 4: return "q5_K"
        case "Q4_K_M" where useMoreBits(layer, count), "Q5_K_M" where useMoreBits(layer, count): return "q6_K"
        case "Q4_K_S" where layer < 4: return "q5_K"
        default: return target
        }
    }

    private func downType(layer: Int, target: String) -> String {
        switch name {
        case "Q2_K": return "q3_K"
        case "Q2_K_S": return layer < layers / 8 ? "q4_K" : target
        case "IQ3_XXS" where !hasImportanceMatrix: return layer < layers / 8 ? "q4_K" : "q3_K"
        case "Q3_K_M": return layer < layers / 16 ? "q5_K" : "q4_K"
        case "IQ3_M" where layer < layers / 8: return "q4_K"
        case "Q3_K_L": return layout.architecture == "falcon" ? "q4_K" : "q5_K"
        case "Q4_K_M" where useMoreBits(layer, layers): return "q6_K"
        case "IQ4_NL" where layer < layers / 8 && !hasImportanceMatrix, "IQ4_XS" where layer < layers / 8 && !hasImportanceMatrix: return "q5_K"
        case "Q5_K_M" where useMoreBits(layer, layers): return "q6_K"
        case "Q4_K_S" where layer < layers / 8: return "q5_K"
        case "Q4_0" where hasImportanceMatrix && layer < layers / 8: return "q4_1"
        case "Q5_0" where hasImportanceMatrix && layer < layers / 8: return "q5_1"
        default: return target
        }
    }

    /// `tensor_type_fallback`: rows that are not a whole number of the type's blocks.
    private func fallback(_ type: String, columns: Int) -> String {
        guard let block = GGMLType.named(type)?.blockSize, columns % block != 0 else { return type }
        let replacement = switch type {
        case "iq1_s", "iq1_m", "iq2_xxs", "iq2_xs", "iq2_s", "iq3_xxs", "iq3_s", "iq4_xs": "iq4_nl"
        case "q2_0", "q2_K", "q3_K", "tq1_0", "tq2_0": "q4_0"
        case "q4_K": "q5_0"
        case "q5_K": "q5_1"
        case "q6_K": "q8_0"
        default: type
        }
        let fits = GGMLType.named(replacement).flatMap(\.blockSize).map { columns % $0 == 0 } ?? false
        return fits ? replacement : "f16"
    }
}
