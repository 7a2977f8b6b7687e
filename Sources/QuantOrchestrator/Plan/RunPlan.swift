import Foundation
import LlamaTools
import Reports

/// What `quantorch run` decides before any work, from the recipe and the resolved source:
/// every refusal that needs no llama.cpp process (names, architecture, upcasts), the notes and
/// warnings the plan line carries, and the disk estimate.
struct RunPlan: Sendable {
    /// The model's tensors as the master GGUF holds them.
    var layout: ModelLayout
    /// The master GGUF's own quant type name (no quantize run for it).
    var masterTypeName: String
    /// Set for an already-quantized source (`SourcePrecision.baselineNote`).
    var baselineNote: String?
    /// Lines the plan prints as "warning: …".
    var warnings: [String]
    /// Bytes each artifact will take.
    var disk: DiskPlan

    /// - Parameters:
    ///   - revisionField: "--revision" or "model.revision", for messages.
    ///   - finished: names of the stage records already in the work folder.
    /// - Throws: `PipelineError.badInput` naming the file, the field and what was expected.
    static func make(recipe: Recipe, source: ResolvedSource, modelSlug: String, revisionField: String,
                     finished: Set<String>) throws -> RunPlan {
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
        let masterTypeName = precision.masterTypeName(baseline: baseline)
        let estimate = { (type: QuantType) -> Int in
            if type.name == masterTypeName, let gguf { return gguf.fileSizeBytes }
            return DiskPlan.estimatedBytes(layout: layout, type: type, recipe: recipe)
        }
        return RunPlan(layout: layout, masterTypeName: masterTypeName, baselineNote: precision.baselineNote(baseline: baseline),
                       warnings: LadderOrder.warnings(ladder: recipe.ladder, estimatedBytes: estimate),
                       disk: DiskPlan.estimate(recipe: recipe, layout: layout, masterTypeName: masterTypeName, finished: finished))
    }
}
