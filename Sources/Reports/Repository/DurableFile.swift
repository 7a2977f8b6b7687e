#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file whole or not at all: a temporary file beside it, fsync, rename, fsync of the
/// folder (the project's rule for every file but append-only logs).
enum DurableFile {
    /// Writes `data` to `url`, creating its folder.
    /// - Throws: `.io` naming the file and the system's reason.
    static func write(_ data: Data, to url: URL) throws(ResultsRepositoryError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .io(path: folder.path, problem: "cannot create the folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: temporary.path, problem: systemError()) }
        var written = 0
        let failure: String? = data.withUnsafeBytes { bytes in
            while written < bytes.count {
                let count = posixWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return systemError()
                }
                written += count
            }
            return fsync(descriptor) == 0 ? nil : systemError()
        }
        close(descriptor)
        if let failure {
            unlink(temporary.path)
            throw .io(path: url.path, problem: failure)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let problem = systemError()
            unlink(temporary.path)
            throw .io(path: url.path, problem: problem)
        }
        let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// write(2), reachable under another name inside `DurableFile`, whose own `write` shadows it.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
