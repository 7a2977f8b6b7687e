import Foundation
import LlamaTools

/// KLD stage: `llama-perplexity --kl-divergence` of one local variant against the baseline's
/// base file (KL divergence, PPL ratio, top-token agreement; llama.cpp `tools/perplexity`).
/// Runs after the variant's server has stopped, so the two never compete for the same cores.
struct KLDStage: Stage {
    let corpus: KLDCorpus
    let variant: String
    let artifact: ArtifactRecord
    let base: KLDBaseStage.Record
    let settings: Recipe.Perplexity

    var recordName: String { "\(corpus.recordPrefix)kld-\(variant)-\(artifact.sha256.prefix(12))-\(base.key)" }
    var label: String { "\(corpus.labelPrefix)kld \(variant)" }

    func reusedLine(_ record: KLDResult) -> String { "reused (mean KLD \(record.kldMean))" }

    func run(in context: RunContext) async throws -> KLDResult {
        let result = try await context.ledger.timed("llama-perplexity --kl-divergence \(variant)") {
            try await Perplexity.klDivergence(toolchain: context.toolchain, model: URL(fileURLWithPath: artifact.path),
                                              baseFile: URL(fileURLWithPath: base.base.path), contextSize: settings.ctx,
                                              chunks: settings.chunks, threads: context.threads, logFile: context.folder.log("\(corpus.recordPrefix)kld-\(variant)"),
                                              executor: context.executor)
        }
        context.progress.stage("\(variant): \(corpus.labelPrefix)mean KLD \(result.kldMean), PPL ratio \(result.pplRatio)")
        return result
    }
}
