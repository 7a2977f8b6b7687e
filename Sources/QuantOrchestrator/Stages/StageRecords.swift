import Foundation
import LlamaTools

/// Reads and writes the small JSON records a finished stage leaves in the work folder, so a
/// re-run can tell what is done without launching a tool.
///
/// A record is written atomically after its artifact is complete, so a record on disk means
/// the stage finished; a crash between artifact and record only costs a re-run of that stage.
struct StageRecords: Sendable {
    let folder: WorkFolder

    func load<R: Decodable>(_ type: R.Type, _ name: String) -> R? {
        guard let data = try? Data(contentsOf: folder.record(name)) else { return nil }
        return try? decoder.decode(R.self, from: relocated(data))
    }

    /// A work folder moved or copied elsewhere still names, in its records, files under the
    /// root it was made in: those paths are read as the same files under this root, found by
    /// the `<slug>/<revision>/` every record's files sit under (and `sources/` beside it). The
    /// copy then reuses its own files, never the old folder's.
    private func relocated(_ data: Data) -> Data {
        guard let text = String(data: data, encoding: .utf8) else { return data }
        let root = folder.root.standardizedFileURL.path
        let revision = folder.revisionFolder.standardizedFileURL.path.dropFirst(root.count)
        guard revision.hasPrefix("/"),
              let match = text.range(of: #""(/[^"]*)\#(NSRegularExpression.escapedPattern(for: String(revision)))/"#, options: .regularExpression) else {
            return data
        }
        let quoted = text[match].dropFirst()
        let old = String(quoted.prefix(quoted.count - revision.count - 1))
        guard old != root else { return data }
        return Data(text.replacingOccurrences(of: "\"\(old)/", with: "\"\(root)/").utf8)
    }

    func save(_ record: some Encodable, _ name: String) throws {
        do { try AtomicFile.writeJSON(record, to: folder.record(name)) } catch {
            throw PipelineError.io("cannot write the stage record \(folder.record(name).path): \(error.localizedDescription)")
        }
    }

    private var decoder: JSONDecoder { JSONDecoder() }
}

extension StageRecords {
    /// `record` (with the modification time seen now) when its file still holds the recorded
    /// bytes, else nil, after a progress line saying why `label` is made again.
    /// - Throws: `PipelineError.io` when the file cannot be read.
    func verified(_ record: ArtifactRecord, _ content: ArtifactRecord.ContentCheck, label: String,
                  progress: ProgressReporter) throws -> ArtifactRecord? {
        let state: ArtifactRecord.State
        do { state = try record.check(content) } catch {
            throw PipelineError.io("cannot read \(record.path) to verify it: \(error.localizedDescription)")
        }
        switch state {
        case let .intact(seen):
            return seen
        case .missing:
            return nil
        case let .changed(what):
            progress.stage("\(label): \(URL(fileURLWithPath: record.path).lastPathComponent) changed since it was made (\(what)); making it again")
            return nil
        }
    }
}
