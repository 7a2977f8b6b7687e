import CLibGit2

/// The libgit2 library: initialised once per process, before any other call.
///
/// libgit2 keeps global state (`git_libgit2_init`); calling it once through a `static let`
/// is thread-safe in Swift, so every entry point of the wrapper touches `LibGit2.ready` first.
public enum LibGit2 {
    /// Forces the one-time `git_libgit2_init()`; returns the init count libgit2 reports.
    @discardableResult
    public static func ensureInitialised() -> Int32 { ready }

    private static let ready: Int32 = git_libgit2_init()

    /// The linked libgit2's version, e.g. "1.5.1".
    public static var version: String {
        ensureInitialised()
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
