import Foundation

/// Free space where an artifact is about to be written, checked against the artifact's
/// estimate before each write, and the words for a write that ran out of it: llama-quantize
/// reports a full disk only as "iostream error" and the converter as "[Errno 28]".
enum DiskSpace {
    /// The nearest existing folder at or above `url` and its file system's free bytes; nil when
    /// the file system does not say.
    static func free(at url: URL) -> (folder: URL, bytes: Int)? {
        var probe = url
        while !FileManager.default.fileExists(atPath: probe.path), probe.path != "/" { probe.deleteLastPathComponent() }
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: probe.path),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.intValue else { return nil }
        return (probe, free)
    }

    /// Refuses to start writing `path` when its file system has less free space than `estimate`.
    /// - Throws: `PipelineError.insufficientDisk` naming ENOSPC, the path and both figures.
    static func requireRoom(for estimate: Int?, at path: URL) throws {
        guard let estimate, let (_, free) = free(at: path.deletingLastPathComponent()), estimate > free else { return }
        throw noSpace(at: path, needed: estimate, free: free)
    }

    /// Runs `write` (a tool writing `path`); when it fails and its output or the file system
    /// shows a full disk, the error becomes ENOSPC with the figures.
    /// - Throws: `PipelineError.insufficientDisk` for a full disk, else `write`'s error.
    static func writing<T>(_ path: URL, estimate: Int?, _ write: () async throws -> T) async throws -> T {
        try requireRoom(for: estimate, at: path)
        do {
            return try await write()
        } catch {
            guard looksLikeFullDisk("\(error)") else { throw error }
            let free = free(at: path.deletingLastPathComponent())?.bytes ?? 0
            throw noSpace(at: path, needed: estimate, free: free)
        }
    }

    /// Whether a tool's message says a write failed for want of space: the C library's
    /// ENOSPC text, Python's errno 28, git's "Out of diskspace", or the iostream failure
    /// llama-quantize and llama-perplexity print when a stream write fails.
    static func looksLikeFullDisk(_ message: String) -> Bool {
        ["No space left on device", "Errno 28", "ENOSPC", "iostream error", "Out of diskspace"].contains { message.contains($0) }
    }

    static func noSpace(at path: URL, needed: Int?, free: Int) -> PipelineError {
        let need = needed.map { "needed about \(ByteFormat.megabytes($0)), " } ?? ""
        return .insufficientDisk("no space left on device at \(path.path): \(need)\(ByteFormat.megabytes(free)) free (ENOSPC); free space or pass --work-dir on a larger disk, then run again to resume")
    }
}
