import Foundation
import LlamaTools

/// KLD base stage: the baseline's log-probabilities over the corpus, written once by
/// `llama-perplexity --kl-divergence-base` and read by every variant's KLD run; it also gives
/// the baseline's perplexity.
struct KLDBaseStage {
    let toolchain: Toolchain
    let folder: WorkFolder
    let records: StageRecords
    let ledger: ToolLedger
    let threads: Int
    /// Estimates checked against free space before llama-perplexity writes.
    let disk: DiskPlan

    /// What the stage leaves behind.
    struct Record: Codable, Sendable {
        var base: ArtifactRecord
        var key: String
        var perplexity: PerplexityResult
        var corpusSHA256: String
    }

    func run(baseline: ArtifactRecord, settings: Recipe.Perplexity, progress: ProgressReporter) async throws -> Record {
        let corpusSHA = try FileDigest.sha256(of: settings.corpus)
        let key = WorkFolder.key([baseline.sha256, corpusSHA, "\(settings.ctx)", "\(settings.chunks)"])
        let name = "kld-base-\(key)"
        if var record = records.load(Record.self, name),
           let base = try records.verified(record.base, .whenChanged, label: "kld base", progress: progress) {
            if base != record.base {
                record.base = base
                try records.save(record, name)
            }
            progress.stage("kld base: reused (baseline PPL \(record.perplexity.ppl))")
            return record
        }
        let output = folder.kldBase(key: key)
        let start = ContinuousClock.now
        let expected = disk.bytes(for: DiskPlan.kldBaseLabel)
        let result = try await DiskSpace.writing(output, estimate: expected) {
            try await ledger.timed("llama-perplexity --kl-divergence-base") {
                try await Perplexity.writeKLDBase(toolchain: toolchain, baseline: URL(fileURLWithPath: baseline.path), corpus: settings.corpus,
                                                  baseFile: output, contextSize: settings.ctx, chunks: settings.chunks,
                                                  threads: threads, logFile: folder.log("kld-base"))
            }
        }
        try checkComplete(output, estimate: expected)
        let record = Record(base: try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds), key: key,
                            perplexity: result, corpusSHA256: corpusSHA)
        try records.save(record, name)
        progress.stage("kld base: baseline PPL \(result.ppl) over \(settings.chunks) chunks of \(settings.ctx) tokens")
        return record
    }

    /// llama-perplexity never checks its writes to the base file, so a full disk leaves it
    /// short with exit code 0. The file's own header (n_ctx, n_vocab, n_chunk) gives its exact
    /// size (`KLDBaseSize`); a short file is removed so a re-run does not trust it.
    private func checkComplete(_ file: URL, estimate: Int?) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size < KLDBaseSize.expectedBytes(ofFileAt: file) ?? .max else { return }
        try? FileManager.default.removeItem(at: file)
        throw DiskSpace.noSpace(at: file, needed: estimate, free: DiskSpace.free(at: file.deletingLastPathComponent())?.bytes ?? 0)
    }
}
