import Foundation
import LlamaTools

/// Quantize stage: one ladder entry's GGUF, made by llama-quantize from the master GGUF.
///
/// The file's folder is keyed by the master's sha256, the importance matrix and the entry's
/// `--tensor-type` pairs, so a new checkpoint, imatrix or mix never reuses a stale variant. A
/// cached variant is rehashed on every run, since it is served next and its sha256 names the
/// answers and the report's file; one whose bytes changed is made again. `--allow-requantize`
/// is passed when the master is already quantized.
struct QuantizeStage: Stage {
    let name: String
    let type: QuantType
    let tensorTypes: [TensorTypeOverride]
    let master: ArtifactRecord
    let importanceMatrix: ArtifactRecord?
    let output: URL
    let key: String
    /// Estimated size of the output, in bytes.
    let estimate: Int

    init(entry: LadderEntry, type: QuantType, tensorTypes: [TensorTypeOverride], master: ArtifactRecord,
         importanceMatrix: ArtifactRecord?, folder: WorkFolder, estimate: Int) {
        name = entry.name
        self.type = type
        self.tensorTypes = tensorTypes
        self.master = master
        self.importanceMatrix = importanceMatrix
        // A stock entry keeps the key it had before mixes existed, so finished work is reused.
        key = WorkFolder.key([master.sha256, importanceMatrix?.sha256 ?? "no-imatrix"] + tensorTypes.map(\.argument))
        output = folder.variant(entry.name, key: key)
        self.estimate = estimate
    }

    var recordName: String { "quantize-\(name)-\(key)" }
    var label: String { "quantize \(name)" }
    var writes: [DiskPlan.Item] { [DiskPlan.Item(label: name, bytes: estimate)] }

    func reuse(_ record: ArtifactRecord, in context: RunContext) throws -> ArtifactRecord? {
        try context.records.verified(record, .always, label: label, progress: context.progress)
    }

    func reusedLine(_ record: ArtifactRecord) -> String { "reused (\(ByteFormat.megabytes(record.sizeBytes)))" }

    /// Whether the master GGUF is already quantized, so llama-quantize needs `--allow-requantize`.
    /// - Throws: `PipelineError.toolFailed` when the file cannot be read.
    static func isQuantized(_ master: ArtifactRecord) throws -> Bool {
        do { return try GGUFInfo.read(URL(fileURLWithPath: master.path)).isQuantized } catch {
            throw PipelineError.toolFailed("the master GGUF \(master.path) cannot be read: \(error)")
        }
    }

    func run(in context: RunContext) async throws -> ArtifactRecord {
        let masterURL = URL(fileURLWithPath: master.path)
        let isQuantized = try QuantizeStage.isQuantized(master)
        let start = ContinuousClock.now
        let fallbacks = try await DiskSpace.writing(output, estimate: estimate) {
            try await context.ledger.timed("llama-quantize \(name)") {
                try await Quantizer.quantize(toolchain: context.toolchain, input: masterURL, type: type, output: output,
                                             importanceMatrix: importanceMatrix.map { URL(fileURLWithPath: $0.path) },
                                             allowRequantize: isQuantized, threads: context.threads,
                                             tensorTypes: tensorTypes.map(\.argument), logFile: context.folder.log("quantize-\(name)"),
                                             executor: context.executor)
            }
        }
        let record = try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds, fallbacks: fallbacks)
        context.progress.stage("quantize \(name): \(ByteFormat.megabytes(record.sizeBytes)) in \(String(format: "%.1f", record.toolSeconds)) s")
        return record
    }
}
