import Foundation
import LlamaTools

/// Import stage: a `{name, gguf: PATH}` entry's file, evaluated as it is.
///
/// Nothing is copied or converted; the record keeps the file's sha256, size and modification
/// time, and the file is rehashed on every run since it is served next. A file whose bytes
/// changed is recorded again (its answers are keyed by the new sha256). Whether it belongs to
/// the baseline's model (architecture, vocabulary, tokenizer) is checked by the planner before
/// any work.
struct ImportStage: Stage {
    let name: String
    let file: URL

    var recordName: String { "import-\(name)-\(WorkFolder.key([file.path]))" }
    var label: String { "import \(name)" }

    func reuse(_ record: ArtifactRecord, in context: RunContext) throws -> ArtifactRecord? {
        try context.records.verified(record, .always, label: label, progress: context.progress)
    }

    func reusedLine(_ record: ArtifactRecord) -> String { "\(file.lastPathComponent), sha256 verified" }

    func run(in context: RunContext) async throws -> ArtifactRecord {
        let record: ArtifactRecord
        do { record = try ArtifactRecord.of(file, toolSeconds: 0) } catch {
            throw PipelineError.badInput("ladder entry \(name): cannot read \(file.path): \(error.localizedDescription)")
        }
        context.progress.stage("import \(name): \(file.lastPathComponent) (\(ByteFormat.megabytes(record.sizeBytes)), sha256 \(record.sha256.prefix(12))…)")
        return record
    }
}
