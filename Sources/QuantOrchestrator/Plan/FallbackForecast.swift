import LlamaTools

/// Warns, before any work, about ladder types the model's shapes do not fit: on a model with
/// 576-weight rows, most of a Q4_K_M's q4_K tensors become q5_0, so the variant is nearer a
/// Q5_0 in size and quality than its name says, and the reader of the plan should know it
/// before spending the run on it.
enum FallbackForecast {
    /// - Parameter masterTypeName: the master GGUF's own type, which is not quantized again.
    /// - Returns: one warning per quantize entry with tensors that fall back, naming the entry,
    ///   the share of the quantized weights affected and the (wanted → used) counts. The
    ///   tensors a mix's own `tensor_types` patterns match are left to `TensorTypeMixCheck`.
    static func warnings(recipe: Recipe, layout: ModelLayout, masterTypeName: String) -> [String] {
        recipe.ladder.enumerated().compactMap { index, entry in
            guard case let .quantize(type, overrides) = entry.kind, !(overrides.isEmpty && type.name == masterTypeName) else { return nil }
            let choice = TensorTypeChoice(layout: layout, quant: type, hasImportanceMatrix: recipe.imatrix != nil, overrides: overrides)
            let fallen = choice.fallbacks().filter { choice.override(for: $0.tensor) == nil }
            guard !fallen.isEmpty else { return nil }
            let quantized = layout.tensors.filter(TensorTypeChoice.allowsQuantization).reduce(0) { $0 + $1.elementCount }
            let share = Double(fallen.reduce(0) { $0 + $1.tensor.elementCount }) / Double(max(1, quantized))
            let pairs = Dictionary(grouping: fallen) { "\($0.wanted) → \($0.used)" }
                .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
                .map { "\($0.value.count) × \($0.key)" }
            let columns = Set(fallen.map { $0.tensor.shape[0] }).sorted().map(String.init).joined(separator: ", ")
            let one = fallen.count == 1
            return "ladder[\(index)] \(entry.name): \(fallen.count) tensor\(one ? "" : "s") (\(Int((share * 100).rounded())) % of the weights llama-quantize quantizes) fall\(one ? "s" : "") back to another type, since rows of \(columns) weights do not fit the chosen type's blocks (\(pairs.joined(separator: ", "))); the file is not all the \(type.name) its name says"
        }
    }
}
