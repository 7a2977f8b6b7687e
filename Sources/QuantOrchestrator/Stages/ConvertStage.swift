import Foundation
import LlamaTools

/// Convert stage: the checkpoint becomes the master GGUF every variant is quantized from.
///
/// A Hugging Face folder is converted with llama.cpp's `convert_hf_to_gguf.py` into the
/// baseline's float type (F16 unless the ladder starts with BF16 or F32); a GGUF source is
/// used as it is. Skipped when its record names a file that still hashes to the recorded
/// sha256 (checked on every run: the master is served as the baseline and quantized from); a
/// changed master is converted again, a changed GGUF source is refused.
struct ConvertStage {
    let toolchain: Toolchain
    let folder: WorkFolder
    let records: StageRecords
    let ledger: ToolLedger
    /// Estimates checked against free space before the converter writes.
    let disk: DiskPlan

    func run(source: ResolvedSource, baseline: QuantType, progress: ProgressReporter) async throws -> ArtifactRecord {
        let name = "convert"
        if source.kind == .gguf, let saved = records.load(ArtifactRecord.self, name) {
            return try userGGUF(saved, source: source, progress: progress)
        }
        if let record = try records.reusableArtifact(name, .always, label: "convert", progress: progress) {
            progress.stage("convert: reused \(URL(fileURLWithPath: record.path).lastPathComponent)")
            return record
        }
        let record: ArtifactRecord
        switch source.kind {
        case .gguf:
            record = try ArtifactRecord.of(source.checkpoint, toolSeconds: 0)
            progress.stage("convert: skipped, the source is a GGUF (\(source.checkpoint.lastPathComponent))")
        case .hfFolder:
            let outType = Self.outType(for: baseline)
            let output = folder.master(typeName: outType.rawValue.uppercased())
            let start = ContinuousClock.now
            try await DiskSpace.writing(output, estimate: disk.bytes(for: DiskPlan.masterLabel)) {
                try await ledger.timed("convert_hf_to_gguf.py \(outType.rawValue)") {
                    try await Converter.convert(toolchain: toolchain, checkpoint: source.checkpoint, outType: outType,
                                                output: output, logFile: folder.log("convert"))
                }
            }
            record = try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds)
            progress.stage("convert: \(output.lastPathComponent) (\(ByteFormat.megabytes(record.sizeBytes)))")
        }
        try records.save(record, name)
        return record
    }

    /// A GGUF source cannot be remade, so one that no longer holds the bytes its revision was
    /// first evaluated with is refused rather than reported under the old sha256.
    private func userGGUF(_ saved: ArtifactRecord, source: ResolvedSource, progress: ProgressReporter) throws -> ArtifactRecord {
        func refusal(_ what: String) -> PipelineError {
            .badInput("model.source \(saved.path) is not the file revision \(source.revision) was first evaluated with: \(what); restore that file, or pass another --revision so the new file is evaluated under its own name")
        }
        let state: ArtifactRecord.State
        do { state = try saved.check(.always) } catch {
            throw PipelineError.io("cannot read the model source \(saved.path) to verify it: \(error.localizedDescription)")
        }
        switch state {
        case let .intact(record):
            if record != saved { try records.save(record, "convert") }
            progress.stage("convert: skipped, the source is a GGUF (\(source.checkpoint.lastPathComponent), sha256 verified)")
            return record
        case .missing:
            throw refusal("it is gone")
        case let .changed(what):
            throw refusal(what)
        }
    }

    /// The converter's output type for a baseline: the baseline's own float type, else F16.
    static func outType(for baseline: QuantType) -> ConverterOutType {
        switch baseline.name.uppercased() {
        case "F32": .f32
        case "BF16": .bf16
        default: .f16
        }
    }
}
