import Foundation
import LlamaTools

/// Convert stage: the checkpoint becomes the master GGUF every quantize entry is made from.
///
/// A Hugging Face folder is converted with llama.cpp's `convert_hf_to_gguf.py` into the
/// baseline's float type (F16 unless the ladder starts with BF16 or F32); a GGUF source is
/// used as it is. Reused when its record names the expected file and that file still hashes
/// to the recorded sha256 (checked on every run: the master is served and quantized from); a
/// changed master is converted again, a changed GGUF source is refused.
struct ConvertStage: Stage {
    let source: ResolvedSource
    let outType: ConverterOutType
    let output: URL
    /// Estimated size of the master GGUF, in bytes.
    let estimate: Int

    init(source: ResolvedSource, baseline: LadderEntry, folder: WorkFolder, estimate: Int) {
        self.source = source
        outType = Self.outType(for: baseline)
        output = source.kind == .gguf ? source.checkpoint : folder.master(typeName: outType.rawValue.uppercased())
        self.estimate = estimate
    }

    var recordName: String { "convert" }
    var label: String { "convert" }
    var writes: [DiskPlan.Item] { source.kind == .gguf ? [] : [DiskPlan.Item(label: DiskPlan.masterLabel, bytes: estimate)] }

    func reuse(_ record: ArtifactRecord, in context: RunContext) throws -> ArtifactRecord? {
        if source.kind == .gguf { return try userGGUF(record) }
        guard record.path == output.path else { return nil }
        return try context.records.verified(record, .always, label: label, progress: context.progress)
    }

    func reusedLine(_ record: ArtifactRecord) -> String {
        source.kind == .gguf ? "skipped, the source is a GGUF (\(source.checkpoint.lastPathComponent), sha256 verified)"
                             : "reused \(URL(fileURLWithPath: record.path).lastPathComponent)"
    }

    func run(in context: RunContext) async throws -> ArtifactRecord {
        guard source.kind == .hfFolder else {
            context.progress.stage("convert: skipped, the source is a GGUF (\(source.checkpoint.lastPathComponent))")
            return try ArtifactRecord.of(source.checkpoint, toolSeconds: 0)
        }
        let start = ContinuousClock.now
        try await DiskSpace.writing(output, estimate: estimate) {
            try await context.ledger.timed("convert_hf_to_gguf.py \(outType.rawValue)") {
                try await Converter.convert(toolchain: context.toolchain, checkpoint: source.checkpoint, outType: outType,
                                            output: output, logFile: context.folder.log("convert"), executor: context.executor)
            }
        }
        let record = try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds)
        context.progress.stage("convert: \(output.lastPathComponent) (\(ByteFormat.megabytes(record.sizeBytes)))")
        return record
    }

    /// A GGUF source cannot be remade, so one that no longer holds the bytes its revision was
    /// first evaluated with is refused rather than reported under the old sha256.
    private func userGGUF(_ saved: ArtifactRecord) throws -> ArtifactRecord {
        func refusal(_ what: String) -> PipelineError {
            .badInput("model.source \(saved.path) is not the file revision \(source.revision) was first evaluated with: \(what); restore that file, or pass another --revision so the new file is evaluated under its own name")
        }
        let state: ArtifactRecord.State
        do { state = try saved.check(.always) } catch {
            throw PipelineError.io("cannot read the model source \(saved.path) to verify it: \(error.localizedDescription)")
        }
        switch state {
        case let .intact(record): return record
        case .missing: throw refusal("it is gone")
        case let .changed(what): throw refusal(what)
        }
    }

    /// The converter's output type for a baseline: the baseline's own float type, else F16.
    static func outType(for baseline: LadderEntry) -> ConverterOutType {
        switch baseline.quantType?.name.uppercased() {
        case "F32": .f32
        case "BF16": .bf16
        default: .f16
        }
    }
}
