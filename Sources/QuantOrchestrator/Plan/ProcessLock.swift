import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock(2)` on a lock file that names its holder: the holder's PID is written
/// into the file, so a process refused the lock can say which run holds it.
///
/// flock locks belong to an open file description, so the kernel drops the lock when the
/// holder exits or is killed, and a crashed run never leaves the folder locked; a stale PID
/// left in the file is overwritten by the next holder. The descriptor is close-on-exec, so no
/// llama.cpp child inherits the lock and keeps it alive after quantorch is gone.
final class ProcessLock {
    /// Why the lock was not taken.
    enum Failure: Error, Equatable {
        /// Another open file description holds it; `pid` is what the holder wrote (nil if unreadable).
        case held(pid: Int32?)
        /// The lock file cannot be opened or locked; `reason` is the system's message.
        case io(reason: String)
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock on `url` (created with its folder if absent) without waiting.
    /// - Throws: ``Failure/held(pid:)`` when another holder has it, ``Failure/io(reason:)``.
    static func acquire(_ url: URL) throws(Failure) -> ProcessLock {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .io(reason: error.localizedDescription)
        }
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure: Failure = errno == EWOULDBLOCK ? .held(pid: holder(descriptor)) : .io(reason: String(cString: strerror(errno)))
            close(descriptor)
            throw failure
        }
        let text = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return ProcessLock(descriptor: descriptor)
    }

    /// Takes the lock on `url`, polling every 200 ms while another process holds it.
    /// - Throws: ``Failure/io(reason:)``; `CancellationError` when the task is cancelled.
    static func wait(_ url: URL) async throws -> ProcessLock {
        while true {
            let failure: Failure
            do throws(Failure) { return try acquire(url) } catch { failure = error }
            guard case .held = failure else { throw failure }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Empties the file and releases the lock.
    func release() {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
