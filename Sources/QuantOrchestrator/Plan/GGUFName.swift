/// The GGUF name llama.cpp's converter gives a Hugging Face tensor, as far as llama-quantize's
/// type choice depends on it: the layer (`blk.N.`) and the role (`attn_v`, `ffn_down`,
/// `token_embd`, `output` …). Roles the choice does not distinguish keep their own name.
enum GGUFName {
    /// HF name fragments → GGUF role, first match wins (llama, Qwen, Mistral, Gemma, GPT-2,
    /// Falcon, Phi naming).
    private static let roles: [(fragment: String, role: String)] = [
        ("qkv_proj", "attn_qkv"), ("query_key_value", "attn_qkv"), ("c_attn", "attn_qkv"), ("Wqkv", "attn_qkv"),
        ("q_proj", "attn_q"), ("k_proj", "attn_k"), ("v_proj", "attn_v"),
        ("o_proj", "attn_output"), ("attn.c_proj", "attn_output"), ("attention.dense", "attn_output"), ("out_proj", "attn_output"),
        ("gate_up_proj", "ffn_up"), ("gate_proj", "ffn_gate"), ("up_proj", "ffn_up"), ("c_fc", "ffn_up"), ("fc1", "ffn_up"),
        ("dense_h_to_4h", "ffn_up"), ("down_proj", "ffn_down"), ("mlp.c_proj", "ffn_down"), ("fc2", "ffn_down"),
        ("dense_4h_to_h", "ffn_down"),
        ("layernorm", "norm"), ("_norm", "norm"), ("ln_", "norm"),
    ]

    /// - Parameter name: e.g. "model.layers.3.self_attn.v_proj.weight".
    /// - Returns: e.g. "blk.3.attn_v.weight".
    static func of(_ name: String) -> String {
        let suffix = name.hasSuffix(".bias") ? "bias" : "weight"
        if name.contains("embed_tokens") || name.contains("wte") || name.contains("word_embeddings") { return "token_embd.\(suffix)" }
        if name.hasPrefix("lm_head") || name.hasSuffix("lm_head.weight") { return "output.\(suffix)" }
        guard let layer = layerIndex(name) else {
            return name.contains("norm") ? "output_norm.\(suffix)" : name
        }
        let role = roles.first { name.contains($0.fragment) }.map(\.role) ?? "other"
        return "blk.\(layer).\(role == "norm" ? "attn_norm" : role).\(suffix)"
    }

    private static func layerIndex(_ name: String) -> Int? {
        let parts = name.split(separator: ".")
        for (index, part) in parts.enumerated().dropLast() where ["layers", "h", "blocks", "layer"].contains(part) {
            if let layer = Int(parts[index + 1]) { return layer }
        }
        return nil
    }
}
