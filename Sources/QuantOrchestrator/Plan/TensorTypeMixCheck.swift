import Foundation
import LlamaTools

/// Checks a tensor-type mix against the model's own tensors before any work, so that what is
/// evaluated is what the recipe names:
/// - a pattern that matches no quantizable tensor would make the "mix" a plain quant under
///   another name: refused;
/// - a type whose blocks do not divide a matched tensor's rows is replaced by llama-quantize
///   with a fallback (q6_K → q8_0 for 576 columns): a warning names the tensors and the type
///   they will get.
enum TensorTypeMixCheck {
    /// - Returns: the plan's warnings for `entry`.
    /// - Throws: `PipelineError.badInput` naming the recipe, the entry and the pattern.
    static func check(_ entry: LadderEntry, index: Int, recipe: Recipe, layout: ModelLayout) throws -> [String] {
        guard case let .quantize(type, overrides) = entry.kind, !overrides.isEmpty else { return [] }
        let field = "\(recipe.file.path): field 'ladder[\(index)].tensor_types.\(overrides.map(\.pattern).joined(separator: "|"))'"
        let quantizable = layout.tensors.filter(TensorTypeChoice.allowsQuantization)
        let choice = TensorTypeChoice(layout: layout, quant: type, hasImportanceMatrix: recipe.imatrix != nil, overrides: overrides)
        let fallbacks = choice.fallbacks()
        var warnings: [String] = []
        for override in overrides {
            // The first matching pair wins, as in llama-quantize, so a tensor counts for the first pattern only.
            let matched = quantizable.filter { choice.override(for: $0) == override }
            guard !matched.isEmpty else {
                let examples = quantizable.prefix(3).map(\.name).joined(separator: ", ")
                throw PipelineError.badInput("\(field): pattern '\(override.pattern)' matches no tensor of the model that llama-quantize quantizes (they are named like \(examples)), so \(entry.name) would be a plain \(type.name); expected a pattern that matches, e.g. attn_v or ffn_down")
            }
            let fallen = Dictionary(grouping: fallbacks.filter { choice.override(for: $0.tensor) == override }, by: \.used)
            for (given, tensors) in fallen.sorted(by: { $0.key < $1.key }) {
                warnings.append("ladder[\(index)] \(entry.name): \(tensors.count) of the \(matched.count) tensors '\(override.pattern)' matches (\(tensors[0].tensor.name) …) have rows of \(tensors[0].tensor.shape[0]) weights, which \(override.type.name) blocks do not divide; llama-quantize gives them \(given) instead")
            }
        }
        return warnings
    }

    /// The first construct of `pattern` that llama-quantize's regular expressions (C++
    /// `std::regex`, ECMAScript) lack, or nil: such a pattern would fail llama-quantize after
    /// conversion, so the recipe refuses it.
    static func unsupportedConstruct(in pattern: String) -> String? {
        let constructs: [(String, String)] = [
            ("(?<=", "a lookbehind"), ("(?<!", "a lookbehind"), ("(?<", "a named group"), ("(?i", "an inline flag"),
            ("(?m", "an inline flag"), ("(?s", "an inline flag"), ("(?x", "an inline flag"), ("(?#", "a comment group"),
            ("(?>", "an atomic group"), ("\\A", "\\A"), ("\\z", "\\z"), ("\\Z", "\\Z"), ("*+", "a possessive quantifier"),
            ("++", "a possessive quantifier"), ("?+", "a possessive quantifier"),
        ]
        return constructs.first { pattern.contains($0.0) }?.1
    }
}
