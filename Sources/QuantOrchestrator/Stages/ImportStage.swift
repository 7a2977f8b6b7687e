import Foundation
import LlamaTools

/// Import stage: a `{name, gguf: PATH}` entry's file, evaluated as it is.
///
/// Nothing is copied or converted; the record keeps the file's sha256, size and modification
/// time, and the file is rehashed on every run since it is served next. A file whose bytes
/// changed is recorded again (its answers are keyed by the new sha256). Whether it belongs to
/// the baseline's model (architecture, vocabulary, tokenizer) is checked by the plan before any
/// work and, against the master GGUF when there is one, on every run (`GGUFEntryCheck`).
struct ImportStage: Stage {
    let entry: LadderEntry
    let file: URL
    /// The master GGUF, when the run converts one: the reference for the tokenizer check.
    let master: ArtifactRecord?
    let recipeFile: URL

    var name: String { entry.name }

    var recordName: String { "import-\(name)-\(WorkFolder.key([file.path]))" }
    var label: String { "import \(name)" }

    func reuse(_ record: ArtifactRecord, in context: RunContext) throws -> ArtifactRecord? {
        try checkAgainstMaster()
        return try context.records.verified(record, .always, label: label, progress: context.progress)
    }

    func reusedLine(_ record: ArtifactRecord) -> String { "\(file.lastPathComponent), sha256 verified" }

    func run(in context: RunContext) async throws -> ArtifactRecord {
        try checkAgainstMaster()
        let record: ArtifactRecord
        do { record = try ArtifactRecord.of(file, toolSeconds: 0) } catch {
            throw PipelineError.badInput("ladder entry \(name): cannot read \(file.path): \(error.localizedDescription)")
        }
        context.progress.stage("import \(name): \(file.lastPathComponent) (\(ByteFormat.megabytes(record.sizeBytes)), sha256 \(record.sha256.prefix(12))…)")
        return record
    }

    private func checkAgainstMaster() throws {
        guard let master else { return }
        let reference: GGUFInfo
        do { reference = try GGUFInfo.read(URL(fileURLWithPath: master.path)) } catch {
            throw PipelineError.toolFailed("the master GGUF \(master.path) cannot be read: \(error)")
        }
        try GGUFEntryCheck.check(entry, index: nil, recipeFile: recipeFile, against: reference,
                                 referenceName: "the converted checkpoint", vocabulary: nil)
    }
}
