import Foundation
import LlamaTools

/// The precision of a GGUF source, so that a plan neither hides that its baseline is a
/// re-quantization nor spends a run on types that only upcast already-quantized weights.
///
/// A shipped Q4_1 model quantized "to Q8_0" keeps the Q4_1 rounding in 8.5 bits per weight:
/// losses measured against it are losses against the Q4_1, not against the original weights.
struct SourcePrecision: Sendable {
    /// The GGUF source's own type (from `general.file_type`); nil for a Hugging Face folder or
    /// a GGUF that does not record it.
    let sourceType: QuantType?
    /// Whether the source's tensors are block-quantized.
    let isQuantized: Bool

    /// - Parameter gguf: the source's header, nil for a Hugging Face folder.
    init(gguf: GGUFInfo?) {
        sourceType = gguf?.fileType.flatMap(QuantType.init(fileType:))
        isQuantized = gguf?.isQuantized ?? false
    }

    /// The master GGUF's own type name: what needs no quantize run.
    func masterTypeName(baseline: LadderEntry) -> String {
        guard let sourceType else { return isQuantized ? "" : ConvertStage.outType(for: baseline).rawValue.uppercased() }
        return sourceType.name
    }

    /// The sentence the plan line and the report carry for a quantized source; nil otherwise.
    func baselineNote(baseline: LadderEntry) -> String? {
        guard isQuantized, let baseline = baseline.quantType else { return nil }
        let source = sourceType?.name ?? "quantized"
        if baseline == sourceType {
            return "baseline is the \(source) source itself, already quantized; losses are measured against it, not against the original weights"
        }
        return "baseline is a re-quantization of a \(source) source; losses are measured against it, not against the original weights"
    }

    /// Refuses ladder entries with more bits per weight than the source has, unless the
    /// recipe sets `allow_upcast: true`.
    /// - Throws: `PipelineError.badInput` naming the recipe, the entry and the figures.
    func checkLadder(_ recipe: Recipe) throws {
        guard !recipe.allowUpcast, let sourceType, let sourceBits = sourceType.nominalBitsPerWeight else { return }
        for (index, entry) in recipe.ladder.enumerated() {
            guard let type = entry.quantType, let bits = type.nominalBitsPerWeight, bits > sourceBits + 1e-9 else { continue }
            throw PipelineError.badInput("\(recipe.file.path): field 'ladder[\(index)]': \(type.name) (\(Self.format(bits)) bpw) is larger than the source's own \(sourceType.name) (\(Self.format(sourceBits)) bpw) and would only upcast already-quantized weights; expected types of at most \(Self.format(sourceBits)) bpw, or set allow_upcast: true to measure against an upcast baseline anyway")
        }
    }

    private static func format(_ bits: Double) -> String {
        bits == bits.rounded() ? String(Int(bits)) : String(format: "%.4g", bits)
    }
}
