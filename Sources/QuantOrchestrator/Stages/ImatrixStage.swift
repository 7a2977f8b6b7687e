import Foundation
import LlamaTools

/// Importance-matrix stage (optional): `llama-imatrix` on the recipe's corpus with the master
/// GGUF, so the quantizer can keep the weights that matter most for that text.
struct ImatrixStage {
    let toolchain: Toolchain
    let folder: WorkFolder
    let records: StageRecords
    let ledger: ToolLedger
    let threads: Int

    func run(master: ArtifactRecord, settings: Recipe.Imatrix, progress: ProgressReporter) async throws -> ArtifactRecord {
        let corpusSHA = try FileDigest.sha256(of: settings.corpus)
        let key = WorkFolder.key([master.sha256, corpusSHA, "\(settings.ctx)", "\(settings.chunks)"])
        let name = "imatrix-\(key)"
        if let record = try records.reusableArtifact(name, .whenChanged, label: "imatrix", progress: progress) {
            progress.stage("imatrix: reused")
            return record
        }
        let output = folder.importanceMatrix(key: key)
        let start = ContinuousClock.now
        try await ledger.timed("llama-imatrix") {
            try await Quantizer.computeImportanceMatrix(toolchain: toolchain, model: URL(fileURLWithPath: master.path),
                                                        corpus: settings.corpus, output: output, contextSize: settings.ctx,
                                                        chunks: settings.chunks, threads: threads, logFile: folder.log("imatrix"))
        }
        let record = try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds)
        try records.save(record, name)
        progress.stage("imatrix: \(settings.chunks) chunks of \(settings.ctx) tokens in \(String(format: "%.1f", record.toolSeconds)) s")
        return record
    }
}
