/// The `--outtype` of llama.cpp's `convert_hf_to_gguf.py`: the precision the GGUF's weights get.
/// The raw value is the converter's spelling.
public enum ConverterOutType: String, Sendable, CaseIterable, Codable {
    /// 32-bit float.
    case f32
    /// 16-bit float (the usual baseline).
    case f16
    /// bfloat16.
    case bf16
    /// 8-bit blocks (Q8_0), quantized by the converter itself.
    case q8_0
}
