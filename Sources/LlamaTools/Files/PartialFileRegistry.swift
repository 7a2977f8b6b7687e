import Foundation
import Synchronization

/// Process-wide set of the temporary files being written now (`PartialFile`, `AtomicFile`), so
/// that `ChildProcessGuard` can delete them when quantorch is interrupted: the process exits
/// from the signal path, where the writers' own clean-up would not run.
enum PartialFileRegistry {
    private static let paths = Mutex<Set<String>>([])

    static func register(_ url: URL) {
        paths.withLock { _ = $0.insert(url.path) }
    }

    static func unregister(_ url: URL) {
        paths.withLock { _ = $0.remove(url.path) }
    }

    /// Deletes every registered file that still exists. A file renamed into place meanwhile is
    /// no longer at its temporary path, so a finished target is never touched.
    static func removeAll() {
        for path in paths.withLock({ $0 }) {
            unlink(path)
        }
    }
}
