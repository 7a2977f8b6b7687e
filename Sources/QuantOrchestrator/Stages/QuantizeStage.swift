import Foundation
import LlamaTools

/// Quantize stage: one GGUF per quant type of the ladder, from the master GGUF.
///
/// A type equal to the master's own type is the master itself. Each file's folder is keyed by
/// the master's sha256 and the importance matrix, so a new checkpoint or imatrix never reuses
/// a stale variant. A cached variant is rehashed on every run, since it is served next and its
/// sha256 names the answers and the report's file; one whose bytes changed is made again.
/// `--allow-requantize` is passed when the master is already quantized.
struct QuantizeStage {
    let toolchain: Toolchain
    let folder: WorkFolder
    let records: StageRecords
    let ledger: ToolLedger
    let threads: Int
    /// Estimates checked against free space before each llama-quantize run.
    let disk: DiskPlan

    func run(master: ArtifactRecord, ladder: [QuantType], importanceMatrix: ArtifactRecord?,
             progress: ProgressReporter) async throws -> [QuantType: ArtifactRecord] {
        let masterURL = URL(fileURLWithPath: master.path)
        let info: GGUFInfo
        do { info = try GGUFInfo.read(masterURL) } catch {
            throw PipelineError.toolFailed("the master GGUF \(master.path) cannot be read: \(error)")
        }
        let masterType = Self.typeName(of: info)
        let key = WorkFolder.key([master.sha256, importanceMatrix?.sha256 ?? "no-imatrix"])
        var variants: [QuantType: ArtifactRecord] = [:]
        for type in ladder {
            if type.name.uppercased() == masterType {
                variants[type] = master
                progress.stage("quantize \(type.name): the master GGUF already is \(type.name)")
                continue
            }
            let name = "quantize-\(type.name)-\(key)"
            if let record = try records.reusableArtifact(name, .always, label: "quantize \(type.name)", progress: progress) {
                variants[type] = record
                progress.stage("quantize \(type.name): reused (\(ByteFormat.megabytes(record.sizeBytes)))")
                continue
            }
            let output = folder.variant(type.name, key: key)
            let start = ContinuousClock.now
            try await DiskSpace.writing(output, estimate: disk.bytes(for: type.name)) {
                try await ledger.timed("llama-quantize \(type.name)") {
                    try await Quantizer.quantize(toolchain: toolchain, input: masterURL, type: type, output: output,
                                                 importanceMatrix: importanceMatrix.map { URL(fileURLWithPath: $0.path) },
                                                 allowRequantize: info.isQuantized, threads: threads, logFile: folder.log("quantize-\(type.name)"))
                }
            }
            let record = try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds)
            try records.save(record, name)
            variants[type] = record
            progress.stage("quantize \(type.name): \(ByteFormat.megabytes(record.sizeBytes)) in \(String(format: "%.1f", record.toolSeconds)) s")
        }
        return variants
    }

    /// The quant type the master GGUF already is, from `general.file_type` (a Q4_1 source
    /// is its own Q4_1 variant), or "" when the file does not record it.
    static func typeName(of info: GGUFInfo) -> String {
        info.fileType.flatMap(QuantType.init(fileType:))?.name ?? ""
    }
}
