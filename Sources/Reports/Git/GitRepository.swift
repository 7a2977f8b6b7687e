import CLibGit2
import Foundation

/// A non-bare git repository opened through libgit2; owns its `git_repository*`.
///
/// Not Sendable: libgit2 objects must not be shared across threads, so each thread (or task)
/// opens its own instance. Every method is synchronous, which keeps each libgit2 call and its
/// `git_error_last()` read on one thread.
///
/// ```swift
/// let repo = try GitRepository.create(at: folder)          // branch `main`, no commit yet
/// let blob = try repo.writeBlob(Data("hi\n".utf8))
/// let tree = try repo.writeTree(inserting: [.blob(name: "a.txt", blob)], into: nil)
/// let commit = try repo.commit(tree: tree, message: "first")
/// ```
public final class GitRepository {
    /// The name of the one branch this wrapper commits to.
    public static let branch = "main"
    /// `refs/heads/main`.
    public static let branchRef = "refs/heads/\(branch)"

    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Creates a non-bare repository at `url` (folders made as needed) whose unborn HEAD is `main`.
    /// - Throws: `GitError.failed` when libgit2 cannot create it (permissions, a file in the way).
    public static func create(at url: URL) throws(GitError) -> GitRepository {
        LibGit2.ensureInitialised()
        var options = git_repository_init_options()
        try GitCall.check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), "init options")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        var repository: OpaquePointer?
        let code = branch.withCString { head -> Int32 in
            options.initial_head = head
            return git_repository_init_ext(&repository, url.path, &options)
        }
        try GitCall.check(code, "create repository at \(url.path)")
        guard let repository else { throw GitError.notFound("repository at \(url.path)") }
        return GitRepository(pointer: repository)
    }

    /// Opens the non-bare repository whose working tree is `url` (not a parent folder's).
    /// - Throws: `GitError.failed` when `url` holds no repository, `.unsupported` when it is bare.
    public static func open(at url: URL) throws(GitError) -> GitRepository {
        LibGit2.ensureInitialised()
        var repository: OpaquePointer?
        try GitCall.check(
            git_repository_open_ext(&repository, url.path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
            "open repository at \(url.path)")
        guard let repository else { throw GitError.notFound("repository at \(url.path)") }
        let opened = GitRepository(pointer: repository)
        guard git_repository_is_bare(repository) == 0 else {
            throw GitError.unsupported("\(url.path) is a bare repository; a working tree is needed")
        }
        return opened
    }

    /// The working tree's root folder.
    public var workingDirectory: URL {
        URL(fileURLWithPath: String(cString: git_repository_workdir(pointer)), isDirectory: true)
    }

    /// The `.git` folder.
    public var gitDirectory: URL {
        URL(fileURLWithPath: String(cString: git_repository_path(pointer)), isDirectory: true)
    }

    /// The reference HEAD points at (`refs/heads/main`), or nil when HEAD is detached.
    public func headReferenceName() throws(GitError) -> String? {
        var reference: OpaquePointer?
        try GitCall.check(git_reference_lookup(&reference, pointer, "HEAD"), "read HEAD")
        defer { git_reference_free(reference) }
        guard let target = git_reference_symbolic_target(reference) else { return nil }
        return String(cString: target)
    }

    /// The commit a reference points at after peeling tags; nil when the reference does not
    /// exist (an unborn `main`, an unknown tag).
    public func resolve(_ referenceName: String) throws(GitError) -> GitOID? {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, "\(referenceName)^{commit}")
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try GitCall.check(code, "resolve \(referenceName)")
        defer { git_object_free(object) }
        return GitOID(git_object_id(object).pointee)
    }

    /// The commit `main` points at; nil before the first commit.
    public func head() throws(GitError) -> GitOID? {
        try resolve(Self.branchRef)
    }
}
