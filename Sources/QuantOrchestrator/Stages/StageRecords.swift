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
        return try? decoder.decode(R.self, from: data)
    }

    func save(_ record: some Encodable, _ name: String) throws {
        do { try AtomicFile.writeJSON(record, to: folder.record(name)) } catch {
            throw PipelineError.io("cannot write the stage record \(folder.record(name).path): \(error.localizedDescription)")
        }
    }

    /// Names of the records present (without `.json`).
    func names() -> Set<String> {
        let folder = self.folder.record("x").deletingLastPathComponent()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) })
    }

    private var decoder: JSONDecoder { JSONDecoder() }
}

/// A GGUF artifact as a record remembers it: a re-run trusts it when the file still has this size.
struct ArtifactRecord: Codable, Sendable, Equatable {
    /// Absolute path.
    var path: String
    /// sha256 of the file.
    var sha256: String
    /// Size in bytes.
    var sizeBytes: Int
    /// Wall time of the llama.cpp process that made it, in seconds.
    var toolSeconds: Double

    enum CodingKeys: String, CodingKey { case path, sha256, sizeBytes = "size_bytes", toolSeconds = "tool_seconds" }

    /// True when the file is still there with the recorded size.
    var isIntact: Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == sizeBytes
    }

    /// Records the file at `url`, hashing it.
    static func of(_ url: URL, toolSeconds: Double) throws -> ArtifactRecord {
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        return ArtifactRecord(path: url.path, sha256: try FileDigest.sha256(of: url), sizeBytes: size, toolSeconds: toolSeconds)
    }
}
