#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive `flock(2)` on a lock file, held until `release()`.
///
/// flock locks belong to an open file description, so two instances conflict whether they
/// live in two processes or in two threads of one process; the kernel drops the lock if the
/// holder dies, so a crash never leaves the repository locked.
final class FileLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Waits up to `timeout` seconds for the lock on `url` (created if absent).
    /// - Throws: `.io` when the file cannot be opened, `.locked` when the wait runs out.
    static func acquire(_ url: URL, timeout: Double) throws(ResultsRepositoryError) -> FileLock {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io(path: url.path, problem: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let problem = String(cString: strerror(errno))
                close(descriptor)
                if Date() >= deadline { throw .locked(path: url.path, seconds: Int(timeout)) }
                throw .io(path: url.path, problem: "cannot lock: \(problem)")
            }
            usleep(20_000)
        }
        return FileLock(descriptor: descriptor)
    }

    /// Releases the lock and closes the file.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
