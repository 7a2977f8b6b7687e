import Foundation

/// Reads a file under Linux's `/proc` whole.
///
/// `/proc` files report a size of 0 and are generated as they are read, and
/// `String(contentsOfFile:)` / `FileManager.contents(atPath:)` stop after the first read of
/// one page (4 KiB): `/proc/net/tcp` on a machine with a few dozen sockets was cut there,
/// and a server listed past the cut looked as if it did not listen. Reading to the end of
/// the file handle gets every line.
enum ProcFile {
    /// The whole text of `path` (lossy UTF-8), or nil when it cannot be opened (a process
    /// that is gone, no `/proc`).
    static func text(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
