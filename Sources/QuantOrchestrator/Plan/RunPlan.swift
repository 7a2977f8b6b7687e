import Foundation
import LlamaTools
import Reports

/// What `quantorch run` and `quantorch plan` decide before any work, from the recipe and the
/// resolved source: every refusal that needs no llama.cpp process (names, architecture,
/// upcasts, GGUF entries of another model), the notes and warnings the plan line carries,
/// and the size of every file a step may write.
struct RunPlan: Sendable {
    /// The model's tensors as the master GGUF holds them.
    var layout: ModelLayout
    /// The master GGUF's own quant type name (no quantize run for it).
    var masterTypeName: String
    /// Set for an already-quantized source (`SourcePrecision.baselineNote`).
    var baselineNote: String?
    /// Lines the plan prints as "warning: …".
    var warnings: [String]
    /// The GGUF source's own size when the master is the source, else nil.
    var sourceBytes: Int?
    let imatrix: Bool
    let perplexity: Recipe.Perplexity

    /// - Parameter revisionField: "--revision" or "model.revision", for messages.
    /// - Throws: `PipelineError.badInput` naming the file, the field and what was expected.
    static func make(recipe: Recipe, source: ResolvedSource, modelSlug: String, revisionField: String) throws -> RunPlan {
        do { try ResultsRepository.checkTagName(modelSlug: modelSlug, revision: source.revision) } catch {
            throw PipelineError.badInput("\(recipe.file.path): fields 'model.name' and '\(revisionField)': \(error)")
        }
        var gguf: GGUFInfo?
        if source.kind == .gguf {
            do { gguf = try GGUFInfo.read(source.checkpoint) } catch {
                throw PipelineError.badInput("\(source.checkpoint.path) (model.source in \(recipe.file.path)) is not a readable GGUF: \(error)")
            }
        }
        try ArchitectureCheck.check(source, gguf: gguf, recipeFile: recipe.file)
        let precision = SourcePrecision(gguf: gguf)
        try precision.checkLadder(recipe)
        let baseline = recipe.ladder[0]
        let layout = try ModelLayout.of(source, gguf: gguf, masterType: ConvertStage.outType(for: baseline))
        var plan = RunPlan(layout: layout, masterTypeName: precision.masterTypeName(baseline: baseline),
                           baselineNote: precision.baselineNote(baseline: baseline), warnings: [],
                           sourceBytes: gguf?.fileSizeBytes, imatrix: recipe.imatrix != nil, perplexity: recipe.perplexity)
        plan.warnings = LadderOrder.warnings(ladder: recipe.ladder, estimatedBytes: plan.knownBytes)
        for (index, entry) in recipe.ladder.enumerated() {
            plan.warnings += try TensorTypeMixCheck.check(entry, index: index, recipe: recipe, layout: layout)
        }
        plan.warnings += FallbackForecast.warnings(recipe: recipe, layout: layout, masterTypeName: plan.masterTypeName)
        plan.warnings += EndpointCheck.warnings(recipe)
        plan.warnings += BudgetForecast.warnings(ladder: recipe.ladder, maxSizeBytes: recipe.acceptance.maxSizeBytes, estimatedBytes: plan.knownBytes)
        try checkGGUFEntries(recipe, sourceGGUF: gguf, layout: layout)
        return plan
    }

    /// Every `{name, gguf}` entry against the baseline's GGUF when one exists already, else
    /// against the checkpoint's vocabulary (`GGUFEntryCheck`).
    private static func checkGGUFEntries(_ recipe: Recipe, sourceGGUF: GGUFInfo?, layout: ModelLayout) throws {
        var reference = sourceGGUF
        var referenceName = "model.source"
        var first = 0
        if case let .gguf(file) = recipe.ladder[0].kind {
            first = 1
            do { reference = try GGUFInfo.read(file) } catch {
                throw PipelineError.badInput("\(recipe.file.path): field 'ladder[0]' (\(recipe.ladder[0].name)): \(file.path) is not a readable GGUF: \(error)")
            }
            referenceName = "the baseline \(recipe.ladder[0].name)"
        }
        for (index, entry) in recipe.ladder.enumerated().dropFirst(first) {
            try GGUFEntryCheck.check(entry, index: index, recipeFile: recipe.file, against: reference, referenceName: referenceName,
                                     vocabulary: layout.embeddingRows)
        }
    }

    /// Estimated size of the master GGUF, in bytes.
    var masterBytes: Int {
        if let sourceBytes { return sourceBytes }
        guard let type = try? QuantType(parsing: masterTypeName) else { return 0 }
        return TensorTypeChoice(layout: layout, quant: type, hasImportanceMatrix: imatrix).fileBytes
    }

    /// Estimated size of the KLD base file, in bytes.
    var kldBaseBytes: Int {
        KLDBaseSize.bytes(contextSize: perplexity.ctx, chunks: perplexity.chunks, vocabulary: layout.vocabulary)
    }

    /// Estimated size of a quantize entry's GGUF, in bytes; a domain mix's target (its pairs are
    /// chosen later, never beyond it); 0 for the other kinds.
    func estimatedBytes(_ entry: LadderEntry) -> Int {
        switch entry.kind {
        case let .quantize(type, overrides):
            if overrides.isEmpty, type.name == masterTypeName { return masterBytes }
            return TensorTypeChoice(layout: layout, quant: type, hasImportanceMatrix: imatrix, overrides: overrides).fileBytes
        case let .mix(request): return estimatedBytes(request.target)
        case .gguf, .endpoint: return 0
        }
    }

    /// A mix target's size in bytes before any work: a stock type's estimate, the bytes given,
    /// or bits per weight over the master's weights.
    func estimatedBytes(_ target: MixTarget) -> Int {
        switch target {
        case let .sameAs(type): estimatedBytes(LadderEntry(stock: type))
        case let .bytes(bytes): bytes
        case let .bitsPerWeight(bits): Int((bits * Double(layout.tensors.reduce(0) { $0 + $1.elementCount }) / 8).rounded(.down))
        }
    }

    /// An entry's size as far as it is known before any work: the estimate for a quantize
    /// entry, the file's size for a GGUF, the stated size for an endpoint.
    func knownBytes(_ entry: LadderEntry) -> Int? {
        switch entry.kind {
        case .quantize, .mix: estimatedBytes(entry)
        case let .gguf(file): (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
        case let .endpoint(endpoint): endpoint.sizeBytes
        }
    }
}
