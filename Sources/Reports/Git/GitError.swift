/// A failure of the libgit2 wrapper, with libgit2's own message.
///
/// The message is read with `git_error_last()` right after the failing call, on the same
/// thread and with no suspension point in between, so it belongs to that call.
public enum GitError: Error, Equatable, CustomStringConvertible {
    /// A libgit2 call returned `code` (< 0); `operation` names what was being done.
    case failed(operation: String, code: Int32, message: String)
    /// A path, reference or object that was expected is absent.
    case notFound(String)
    /// The repository is usable by git but not by this wrapper (bare, HEAD not on `main`, …).
    case unsupported(String)

    public var description: String {
        switch self {
        case let .failed(operation, code, message):
            "git: \(operation) failed (libgit2 error \(code)): \(message)"
        case let .notFound(what):
            "git: not found: \(what)"
        case let .unsupported(why):
            "git: \(why)"
        }
    }
}
