import Foundation

/// How both views state what a variant's GGUF really holds: its tensors per ggml type, what
/// llama-quantize replaced and why, and a warning when the name promises another precision
/// than the bytes have (a "Q4_K_M" whose rows fit no q4_K block is mostly q5_0).
enum TypeMixText {
    /// "Q4_K_M: 166 × q5_0, 61 × f32, 16 × q4_K, 15 × q8_0, 14 × q6_K — fell back (576 columns
    /// not divisible by 256): 166 × q4_K → q5_0, 14 × q6_K → q8_0"; types most bytes first.
    /// Nil when the report has no type mix for the variant (an endpoint, an older report).
    static func line(_ variant: Variant) -> String? {
        guard let mix = variant.typeMix else { return nil }
        let text = "\(variant.quantType): " + mix.sorted(by: Self.mostBytesFirst).map { "\($0.tensors) × \($0.type)" }.joined(separator: ", ")
        return ([text] + fallbacks(variant)).joined(separator: " — ")
    }

    /// What the reasons line appends to a variant whose tensors are not what its name says:
    /// its fallbacks and the bytes' real width ("tensor types: fell back (576 columns not
    /// divisible by 256): 166 × q5_K → q5_1"), so the row that measures oddly explains itself
    /// where its verdict is read; nil when nothing departs.
    static func caveat(_ variant: Variant) -> String? {
        let parts = fallbacks(variant) + [mismatch(variant)].compactMap(\.self)
        return parts.isEmpty ? nil : "tensor types: " + parts.joined(separator: "; ")
    }

    /// "fell back (REASON): 166 × q4_K → q5_0, 14 × q6_K → q8_0", one per reason.
    private static func fallbacks(_ variant: Variant) -> [String] {
        let groups = variant.fallbacks ?? []
        var reasons: [String] = []
        for group in groups where !reasons.contains(group.reason) { reasons.append(group.reason) }
        return reasons.map { reason in
            "fell back (\(reason)): " + groups.filter { $0.reason == reason }.map { "\($0.tensors) × \($0.wanted) → \($0.used)" }.joined(separator: ", ")
        }
    }

    /// "most bytes (62 %) are q5_0, not a 4-bit type as Q4_K_M names" when the ggml type holding
    /// most of the file's tensor bytes is of another bit width than the file type the variant
    /// was made as (`file_type`, else its name); nil when they agree or either has no bit
    /// width this can read (an MXFP4 mix, a custom name).
    static func mismatch(_ variant: Variant) -> String? {
        guard let mix = variant.typeMix, let largest = mix.max(by: { mostBytesFirst($1, $0) }) else { return nil }
        let named = variant.fileType ?? variant.quantType
        guard let wanted = width(of: named), let held = width(of: largest.type), wanted != held else { return nil }
        let total = mix.reduce(0) { $0 + $1.bytes }
        let percent = total > 0 ? Int((Double(largest.bytes) / Double(total) * 100).rounded()) : 0
        let promise = wanted.first?.isNumber == true ? "\(wanted == "8" ? "an" : "a") \(wanted)-bit type" : wanted
        return "most bytes (\(percent) %) are \(largest.type), not \(promise) as \(named) names"
    }

    /// The bit width a quant type or ggml type name stands for ("Q4_K_M", "q4_K", "IQ4_NL" → "4";
    /// "F16", "f16" → "f16"), or nil for a name without one.
    private static func width(of name: String) -> String? {
        let lower = name.lowercased()
        if ["f16", "bf16", "f32"].contains(lower) { return lower }
        return lower.firstMatch(of: /^(?:i|t)?q(\d)_/).map { String($0.1) }
    }

    private static func mostBytesFirst(_ a: TensorTypeShare, _ b: TensorTypeShare) -> Bool {
        (a.bytes, b.type) > (b.bytes, a.type)
    }
}
