import Foundation
import LlamaTools

/// KLD base stage: the baseline's log-probabilities over the corpus, written once by
/// `llama-perplexity --kl-divergence-base` and read by every variant's KLD stage; it also
/// gives the baseline's perplexity.
struct KLDBaseStage: Stage {
    let corpus: KLDCorpus
    let baseline: ArtifactRecord
    let settings: Recipe.Perplexity
    let corpusSHA256: String
    let key: String
    let output: URL
    /// Estimated size of the base file, in bytes (`KLDBaseSize`).
    let estimate: Int

    /// What the stage leaves behind.
    struct Record: Codable, Sendable, Equatable {
        var base: ArtifactRecord
        var key: String
        var perplexity: PerplexityResult
        var corpusSHA256: String
    }

    /// - Throws: `PipelineError.io` when the corpus cannot be read.
    init(corpus: KLDCorpus = .generic, baseline: ArtifactRecord, settings: Recipe.Perplexity, folder: WorkFolder, estimate: Int) throws {
        self.corpus = corpus
        self.baseline = baseline
        self.settings = settings
        corpusSHA256 = try InputDigest.sha256(of: settings.corpus, what: "perplexity corpus")
        key = WorkFolder.key([baseline.sha256, corpusSHA256, "\(settings.ctx)", "\(settings.chunks)"])
        output = folder.kldBase(key: key)
        self.estimate = estimate
    }

    var recordName: String { "\(corpus.recordPrefix)kld-base-\(key)" }
    var label: String { "\(corpus.labelPrefix)kld base" }
    var writes: [DiskPlan.Item] { [DiskPlan.Item(label: DiskPlan.kldBaseLabel, bytes: estimate)] }

    func reuse(_ record: Record, in context: RunContext) throws -> Record? {
        guard let base = try context.records.verified(record.base, .whenChanged, label: label, progress: context.progress) else { return nil }
        var seen = record
        seen.base = base
        return seen
    }

    func reusedLine(_ record: Record) -> String { "reused (baseline PPL \(record.perplexity.ppl))" }

    func run(in context: RunContext) async throws -> Record {
        let start = ContinuousClock.now
        let result = try await DiskSpace.writing(output, estimate: estimate) {
            try await context.ledger.timed("llama-perplexity --kl-divergence-base") {
                try await Perplexity.writeKLDBase(toolchain: context.toolchain, baseline: URL(fileURLWithPath: baseline.path),
                                                  corpus: settings.corpus, baseFile: output, contextSize: settings.ctx,
                                                  chunks: settings.chunks, threads: context.threads, logFile: context.folder.log("\(corpus.recordPrefix)kld-base"),
                                                  executor: context.executor)
            }
        }
        try checkComplete(output)
        let record = Record(base: try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds), key: key,
                            perplexity: result, corpusSHA256: corpusSHA256)
        context.progress.stage("\(label): baseline PPL \(result.ppl) over \(settings.chunks) chunks of \(settings.ctx) tokens")
        return record
    }

    /// llama-perplexity never checks its writes to the base file, so a full disk leaves it
    /// short with exit code 0. The file's own header (n_ctx, n_vocab, n_chunk) gives its exact
    /// size (`KLDBaseSize`); a short file is removed so a re-run does not trust it.
    private func checkComplete(_ file: URL) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size < KLDBaseSize.expectedBytes(ofFileAt: file) ?? .max else { return }
        try? FileManager.default.removeItem(at: file)
        throw DiskSpace.noSpace(at: file, needed: estimate, free: DiskSpace.free(at: file.deletingLastPathComponent())?.bytes ?? 0)
    }
}
