import Foundation
import LlamaTools

/// Importance-matrix stage (optional): `llama-imatrix` on the recipe's corpus with the master
/// GGUF, so the quantizer can keep the weights that matter most for that text.
struct ImatrixStage: Stage {
    let master: ArtifactRecord
    let settings: Recipe.Imatrix
    /// sha256 of the corpus file.
    let corpusSHA256: String
    let output: URL
    let key: String

    /// - Throws: `PipelineError.io` when the corpus cannot be read.
    init(master: ArtifactRecord, settings: Recipe.Imatrix, folder: WorkFolder) throws {
        self.master = master
        self.settings = settings
        corpusSHA256 = try InputDigest.sha256(of: settings.corpus, what: "imatrix corpus")
        key = WorkFolder.key([master.sha256, corpusSHA256, "\(settings.ctx)", "\(settings.chunks)"])
        output = folder.importanceMatrix(key: key)
    }

    var recordName: String { "imatrix-\(key)" }
    var label: String { "imatrix" }

    func reuse(_ record: ArtifactRecord, in context: RunContext) throws -> ArtifactRecord? {
        try context.records.verified(record, .whenChanged, label: label, progress: context.progress)
    }

    func run(in context: RunContext) async throws -> ArtifactRecord {
        let start = ContinuousClock.now
        try await context.ledger.timed("llama-imatrix") {
            try await Quantizer.computeImportanceMatrix(toolchain: context.toolchain, model: URL(fileURLWithPath: master.path),
                                                        corpus: settings.corpus, output: output, contextSize: settings.ctx,
                                                        chunks: settings.chunks, threads: context.threads,
                                                        logFile: context.folder.log("imatrix"), executor: context.executor)
        }
        let record = try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds)
        context.progress.stage("imatrix: \(settings.chunks) chunks of \(settings.ctx) tokens in \(String(format: "%.1f", record.toolSeconds)) s")
        return record
    }
}
