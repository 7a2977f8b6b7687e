import CLibGit2
import Foundation

/// Commits on `main`, annotated tags, and the index.
extension GitRepository {
    /// Commits `tree` on `main` with `main`'s current tip as the only parent (none for the
    /// first commit) and moves `main` to it. libgit2 refuses the update when `main` moved
    /// since it was read, so a racing writer fails instead of losing a commit.
    /// Author and committer: the repository's `user.name`/`user.email`, else "quantorch".
    /// - Returns: the new commit's id.
    /// - Throws: `GitError.failed` on a libgit2 failure.
    public func commit(tree: GitOID, message: String) throws(GitError) -> GitOID {
        let parent = try head()
        let commit = try createCommit(tree: tree, message: message, parent: parent)
        try moveBranch(to: commit, from: parent)
        return commit
    }

    /// Writes a commit object of `tree` with `parent` as its only parent (none when nil)
    /// without moving any branch, so that whatever must exist with it (a tag) can be made
    /// first and `main` moved last (`moveBranch(to:from:)`).
    /// - Returns: the new commit's id.
    /// - Throws: `GitError.failed` on a libgit2 failure.
    public func createCommit(tree: GitOID, message: String, parent: GitOID?) throws(GitError) -> GitOID {
        let signature = try defaultSignature()
        defer { git_signature_free(signature) }
        var treeRaw = tree.raw
        var treeObject: OpaquePointer?
        try GitCall.check(git_tree_lookup(&treeObject, pointer, &treeRaw), "look up tree \(tree)")
        defer { git_tree_free(treeObject) }
        var parentObject: OpaquePointer?
        if let parent {
            var parentRaw = parent.raw
            try GitCall.check(git_commit_lookup(&parentObject, pointer, &parentRaw), "look up commit \(parent)")
        }
        defer { git_commit_free(parentObject) }
        var parents: [OpaquePointer?] = parentObject.map { [$0] } ?? []
        var oid = git_oid()
        let code = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&oid, pointer, nil, signature, signature, "UTF-8", message,
                              treeObject, buffer.count, buffer.baseAddress)
        }
        try GitCall.check(code, "write a commit for \(Self.branch)")
        return GitOID(oid)
    }

    /// Moves `main` to `commit` only if it still points at `previous` (nil: `main` does not
    /// exist yet), so a writer that raced ahead is never overwritten.
    /// - Throws: `GitError.failed` when `main` moved meanwhile or the ref cannot be written.
    public func moveBranch(to commit: GitOID, from previous: GitOID?) throws(GitError) {
        var raw = commit.raw
        var reference: OpaquePointer?
        let code: Int32
        if let previous {
            var expected = previous.raw
            code = git_reference_create_matching(&reference, pointer, Self.branchRef, &raw, 1, &expected, "commit")
        } else {
            code = git_reference_create(&reference, pointer, Self.branchRef, &raw, 0, "commit (initial)")
        }
        try GitCall.check(code, "move \(Self.branch) to \(commit)")
        git_reference_free(reference)
    }

    /// Deletes the tag `name` (to undo a tag whose commit never reached `main`).
    /// - Throws: `GitError.failed` when it cannot be deleted.
    public func deleteTag(named name: String) throws(GitError) {
        try GitCall.check(git_tag_delete(pointer, name), "delete tag \(name)")
    }

    /// Creates the annotated tag `name` on `commit` with `message`; never moves an existing tag.
    /// - Returns: the tag object's id.
    /// - Throws: `GitError.failed` when the name is invalid or already taken.
    public func createAnnotatedTag(named name: String, on commit: GitOID, message: String) throws(GitError) -> GitOID {
        let signature = try defaultSignature()
        defer { git_signature_free(signature) }
        var raw = commit.raw
        var target: OpaquePointer?
        try GitCall.check(git_object_lookup(&target, pointer, &raw, GIT_OBJECT_COMMIT), "look up commit \(commit)")
        defer { git_object_free(target) }
        var oid = git_oid()
        try GitCall.check(git_tag_create(&oid, pointer, name, target, signature, message, 0), "create tag \(name)")
        return GitOID(oid)
    }

    /// Tag names matching a glob (`"model/*"`; `""` for all), sorted.
    public func tagNames(matching pattern: String = "") throws(GitError) -> [String] {
        var names = git_strarray()
        try GitCall.check(git_tag_list_match(&names, pattern, pointer), "list tags")
        defer { git_strarray_dispose(&names) }
        var result: [String] = []
        for index in 0..<names.count {
            if let name = names.strings[index] { result.append(String(cString: name)) }
        }
        return result.sorted()
    }

    /// An annotated tag's message; nil when `name` is not an annotated tag.
    public func tagMessage(named name: String) throws(GitError) -> String? {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, "refs/tags/\(name)")
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try GitCall.check(code, "look up tag \(name)")
        defer { git_object_free(object) }
        guard git_object_type(object) == GIT_OBJECT_TAG, let message = git_tag_message(object) else { return nil }
        return String(cString: message)
    }

    /// Makes the index equal to `commit`'s tree, then re-reads `paths` (relative to the working
    /// tree) from disk so their file stats are recorded, and writes the index: afterwards
    /// `git status` shows those files as committed, not modified.
    /// - Throws: `GitError.failed` when the index cannot be read, updated or written.
    public func resetIndex(toCommit commit: GitOID, refreshing paths: [String]) throws(GitError) {
        var index: OpaquePointer?
        try GitCall.check(git_repository_index(&index, pointer), "open the index")
        defer { git_index_free(index) }
        try GitCall.check(git_index_read(index, 1), "read the index")
        var treeRaw = try tree(ofCommit: commit).raw
        var tree: OpaquePointer?
        try GitCall.check(git_tree_lookup(&tree, pointer, &treeRaw), "look up the tree of \(commit)")
        defer { git_tree_free(tree) }
        try GitCall.check(git_index_read_tree(index, tree), "load the tree of \(commit) into the index")
        for path in paths {
            try GitCall.check(git_index_add_bypath(index, path), "add \(path) to the index")
        }
        try GitCall.check(git_index_write(index), "write the index")
    }

    private func defaultSignature() throws(GitError) -> UnsafeMutablePointer<git_signature>? {
        var signature: UnsafeMutablePointer<git_signature>?
        if git_signature_default(&signature, pointer) == 0 { return signature }
        try GitCall.check(git_signature_now(&signature, "quantorch", "quantorch@localhost"), "make a signature")
        return signature
    }
}
