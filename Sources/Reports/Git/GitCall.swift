import CLibGit2

/// Turns a libgit2 return code into a `GitError` carrying `git_error_last()`'s message.
///
/// Call it directly on the result of the libgit2 call (`try GitCall.check(git_x(…), "x")`):
/// libgit2 keeps the last error per thread, so nothing may run between the call and the read.
enum GitCall {
    /// Throws when `code` < 0.
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) {
        guard code < 0 else { return }
        let message = lastMessage()
        throw GitError.failed(operation: operation(), code: code, message: message)
    }

    /// `git_error_last()`'s message, or a fallback when libgit2 set none.
    static func lastMessage() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else {
            return "no message from libgit2"
        }
        return String(cString: message)
    }
}
