import Foundation
import LlamaTools

/// A file a stage made (a GGUF, an imatrix, a KLD base file) as its record remembers it, so a
/// re-run can decide whether the file on disk is still that file.
///
/// Size alone is not enough: a file whose bytes changed in place keeps its size, and reusing it
/// would put the old sha256 in the report next to answers from other bytes. So the record
/// keeps size, modification time and sha256, and ``check(_:)`` rehashes when either of the
/// first two changed, or always when asked to (before a GGUF is served).
struct ArtifactRecord: Codable, Sendable, Equatable {
    /// Absolute path.
    var path: String
    /// sha256 of the file.
    var sha256: String
    /// Size in bytes.
    var sizeBytes: Int
    /// Modification time in seconds since 1970 when the record was written; nil in records
    /// written before it was kept, which are then rehashed once.
    var modificationTime: Double?
    /// Wall time of the llama.cpp process that made it, in seconds.
    var toolSeconds: Double
    /// For a quantize stage's GGUF: the tensors llama-quantize gave another type than it chose
    /// (rows its blocks do not divide), which the report shows; nil for the other stages' files
    /// and in records written before they were kept.
    var fallbacks: [QuantizeFallback]?

    enum CodingKeys: String, CodingKey {
        case path, sha256, fallbacks, sizeBytes = "size_bytes", modificationTime = "mtime", toolSeconds = "tool_seconds"
    }

    /// How far a reuse check may trust the file system.
    enum ContentCheck {
        /// Rehash only when the size or modification time differs from the record.
        case whenChanged
        /// Always rehash: for a GGUF about to be served, whose bytes make the report's answers.
        case always
    }

    /// What ``check(_:)`` found.
    enum State: Equatable {
        /// The file holds the recorded bytes; the record, with the modification time seen now.
        case intact(ArtifactRecord)
        /// No file at `path`.
        case missing
        /// The file differs from the record; `what` says how, for a progress line.
        case changed(what: String)
    }

    /// Compares the file at `path` with the record.
    /// - Throws: the error of reading the file for its hash.
    func check(_ content: ContentCheck) throws -> State {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int else { return .missing }
        guard size == sizeBytes else { return .changed(what: "its size is \(size) bytes, the record says \(sizeBytes)") }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970
        if content == .whenChanged, let modificationTime, modified == modificationTime {
            return .intact(self)
        }
        let actual = try FileDigest.sha256(of: URL(fileURLWithPath: path))
        guard actual == sha256 else {
            return .changed(what: "its sha256 is \(actual.prefix(12))…, the record says \(sha256.prefix(12))… (same size, bytes changed in place)")
        }
        var seen = self
        seen.modificationTime = modified
        return .intact(seen)
    }

    /// Records the file at `url`, hashing it.
    /// - Throws: the error of reading the file.
    static func of(_ url: URL, toolSeconds: Double, fallbacks: [QuantizeFallback]? = nil) throws -> ArtifactRecord {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return ArtifactRecord(path: url.path, sha256: try FileDigest.sha256(of: url), sizeBytes: (attributes[.size] as? Int) ?? 0,
                              modificationTime: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970,
                              toolSeconds: toolSeconds, fallbacks: fallbacks)
    }
}
