import Foundation

/// A temporary sibling of a file that an external tool writes (a GGUF, an imatrix, a KLD base
/// file), renamed over the target only once the tool has succeeded, so the target path never
/// holds a half-written file. The name keeps the target's extension, because some tools
/// choose their output format by it (llama-imatrix writes GGUF for `.gguf`). Until `discard()`
/// it is registered with `PartialFileRegistry`, so an interrupt deletes it.
struct PartialFile: Sendable {
    /// Where the finished file goes.
    let target: URL
    /// Where the tool writes: `.<name>.<random>.partial.<ext>` in the target's folder.
    let url: URL

    /// Creates the target's folder and picks the temporary name.
    /// - Throws: the error of creating the folder.
    init(for target: URL) throws {
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stem = target.deletingPathExtension().lastPathComponent
        let suffix = target.pathExtension.isEmpty ? "" : ".\(target.pathExtension)"
        self.target = target
        url = folder.appending(path: ".\(stem).\(UUID().uuidString.prefix(8)).partial\(suffix)")
        Self.removeLeftovers(of: stem, suffix: suffix, in: folder)
        PartialFileRegistry.register(url)
    }

    /// A run that was killed before it could discard its temporary file leaves it behind; the
    /// next attempt at the same target removes it, so resumed runs do not pile up gigabytes.
    private static func removeLeftovers(of stem: String, suffix: String, in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".\(stem).") && name.hasSuffix(".partial\(suffix)") {
            try? FileManager.default.removeItem(at: folder.appending(path: name))
        }
    }

    /// Moves the finished file over the target (atomic within one file system).
    /// - Throws: `CocoaError` naming the target when the rename fails (e.g. the tool wrote nothing).
    func commit() throws {
        guard rename(url.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: target.path,
                NSLocalizedDescriptionKey: "cannot move \(url.path) to \(target.path): \(String(cString: strerror(errno)))",
            ])
        }
    }

    /// Removes the temporary file if it is still there (after a failure, or after `commit`).
    func discard() {
        try? FileManager.default.removeItem(at: url)
        PartialFileRegistry.unregister(url)
    }
}
