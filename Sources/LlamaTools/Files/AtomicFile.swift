import Foundation

/// Writes whole files so that a reader sees either the old content or the new, never half:
/// the data goes to a temporary file in the same folder, is fsynced, then renamed over the
/// target (rename is atomic within one file system).
public enum AtomicFile {
    /// Writes `data` to `url`, creating parent folders.
    /// - Throws: the underlying `CocoaError`/POSIX error, naming the path.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appending(path: ".\(url.lastPathComponent).\(UUID().uuidString).partial")
        PartialFileRegistry.register(temp)
        defer { PartialFileRegistry.unregister(temp) }
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temp.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temp.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                            NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Encodes `value` as pretty, key-sorted JSON and writes it atomically.
    public static func writeJSON(_ value: some Encodable, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try write(encoder.encode(value), to: url)
    }
}
