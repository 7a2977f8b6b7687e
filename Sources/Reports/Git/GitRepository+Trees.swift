import CLibGit2
import Foundation

/// Blobs and trees: writing them from bytes or from files, reading them back by path.
extension GitRepository {
    /// Stores `data` as a blob.
    /// - Throws: `GitError.failed` when the object database refuses the write.
    public func writeBlob(_ data: Data) throws(GitError) -> GitOID {
        var oid = git_oid()
        let code = data.withUnsafeBytes { bytes in
            git_blob_create_from_buffer(&oid, pointer, bytes.baseAddress, bytes.count)
        }
        try GitCall.check(code, "write blob of \(data.count) bytes")
        return GitOID(oid)
    }

    /// Stores every regular file under `folder` as a blob and returns the tree that mirrors
    /// the folder (names in git's order, mode 100644; empty sub-folders are left out, as git does).
    /// - Throws: `GitError.unsupported` for a symbolic link or special file, `.failed` when a
    ///   file cannot be read or the tree cannot be written.
    public func writeTree(from folder: URL) throws(GitError) -> GitOID {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw GitError.notFound("folder \(folder.path) (\(error.localizedDescription))")
        }
        let builder = try treeBuilder(base: nil)
        defer { git_treebuilder_free(builder) }
        for name in names.sorted() {
            let item = folder.appendingPathComponent(name)
            let type = (try? FileManager.default.attributesOfItem(atPath: item.path)[.type]) as? FileAttributeType
            switch type {
            case .typeDirectory?:
                let subtree = try writeTree(from: item)
                if try !isEmptyTree(subtree) {
                    try insert(subtree, named: name, mode: GIT_FILEMODE_TREE, into: builder)
                }
            case .typeRegular?:
                var oid = git_oid()
                try GitCall.check(git_blob_create_from_disk(&oid, pointer, item.path), "write blob from \(item.path)")
                try insert(GitOID(oid), named: name, mode: GIT_FILEMODE_BLOB, into: builder)
            default:
                throw GitError.unsupported("\(item.path) is neither a regular file nor a folder")
            }
        }
        return try write(builder)
    }

    /// The tree a commit records.
    public func tree(ofCommit commit: GitOID) throws(GitError) -> GitOID {
        var raw = commit.raw
        var object: OpaquePointer?
        try GitCall.check(git_commit_lookup(&object, pointer, &raw), "look up commit \(commit)")
        defer { git_commit_free(object) }
        return GitOID(git_commit_tree_id(object).pointee)
    }

    /// Writes a new tree equal to `base` (or an empty tree) with `subtree` placed at `path`
    /// (folder names from the root; the last one names `subtree`), replacing what was there.
    /// Intermediate folders are taken from `base` and extended, or created.
    /// - Throws: `GitError.unsupported` when `path` is empty, `.failed` on a libgit2 failure.
    public func writeTree(inserting subtree: GitOID, at path: [String], into base: GitOID?) throws(GitError) -> GitOID {
        guard let first = path.first else { throw GitError.unsupported("cannot insert a tree at the root") }
        let builder = try treeBuilder(base: base)
        defer { git_treebuilder_free(builder) }
        if path.count == 1 {
            try insert(subtree, named: first, mode: GIT_FILEMODE_TREE, into: builder)
        } else {
            let childBase = try base.flatMap { (tree) throws(GitError) in try entry(named: first, inTree: tree, ofType: GIT_OBJECT_TREE) }
            let child = try writeTree(inserting: subtree, at: Array(path.dropFirst()), into: childBase)
            try insert(child, named: first, mode: GIT_FILEMODE_TREE, into: builder)
        }
        return try write(builder)
    }

    /// Writes a new tree equal to the folder at `path` ("a/b/c") in `commit`'s tree with each
    /// of `files` stored as a blob under its name (mode 100644), replacing an entry of that name.
    /// - Returns: the new folder's tree (place it with `writeTree(inserting:at:into:)`).
    /// - Throws: `GitError.notFound` when `commit` has no folder at `path`, `.failed` on a
    ///   libgit2 failure.
    public func writeTree(replacing files: [(name: String, data: Data)], inFolder path: String, ofCommit commit: GitOID) throws(GitError) -> GitOID {
        guard let folder = try entry(atPath: path, inCommit: commit, ofType: GIT_OBJECT_TREE) else {
            throw GitError.notFound("folder \(path) in commit \(commit)")
        }
        let builder = try treeBuilder(base: folder)
        defer { git_treebuilder_free(builder) }
        for file in files {
            try insert(try writeBlob(file.data), named: file.name, mode: GIT_FILEMODE_BLOB, into: builder)
        }
        return try write(builder)
    }

    /// The bytes of the blob at `path` ("a/b/file.json") in `commit`'s tree; nil when absent.
    public func blob(atPath path: String, inCommit commit: GitOID) throws(GitError) -> Data? {
        guard let oid = try entry(atPath: path, inCommit: commit, ofType: GIT_OBJECT_BLOB) else { return nil }
        var raw = oid.raw
        var blob: OpaquePointer?
        try GitCall.check(git_blob_lookup(&blob, pointer, &raw), "look up blob \(path)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    /// The names of the sub-folders of the folder at `path` ("" for the root) in `commit`'s
    /// tree, in git's order; empty when the folder is absent.
    public func folderNames(atPath path: String, inCommit commit: GitOID) throws(GitError) -> [String] {
        let folder: GitOID?
        if path.isEmpty {
            folder = try tree(ofCommit: commit)
        } else {
            folder = try entry(atPath: path, inCommit: commit, ofType: GIT_OBJECT_TREE)
        }
        guard let folder else { return [] }
        let tree = try lookUpTree(folder)
        defer { git_tree_free(tree) }
        var names: [String] = []
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), git_tree_entry_type(entry) == GIT_OBJECT_TREE else { continue }
            names.append(String(cString: git_tree_entry_name(entry)))
        }
        return names
    }

    private func entry(atPath path: String, inCommit commit: GitOID, ofType type: git_object_t) throws(GitError) -> GitOID? {
        let root = try lookUpTree(tree(ofCommit: commit))
        defer { git_tree_free(root) }
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, root, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try GitCall.check(code, "look up \(path)")
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == type else { return nil }
        return GitOID(git_tree_entry_id(entry).pointee)
    }

    private func entry(named name: String, inTree tree: GitOID, ofType type: git_object_t) throws(GitError) -> GitOID? {
        let object = try lookUpTree(tree)
        defer { git_tree_free(object) }
        guard let entry = git_tree_entry_byname(object, name), git_tree_entry_type(entry) == type else { return nil }
        return GitOID(git_tree_entry_id(entry).pointee)
    }

    private func lookUpTree(_ oid: GitOID) throws(GitError) -> OpaquePointer? {
        var raw = oid.raw
        var tree: OpaquePointer?
        try GitCall.check(git_tree_lookup(&tree, pointer, &raw), "look up tree \(oid)")
        return tree
    }

    private func isEmptyTree(_ oid: GitOID) throws(GitError) -> Bool {
        let tree = try lookUpTree(oid)
        defer { git_tree_free(tree) }
        return git_tree_entrycount(tree) == 0
    }

    private func treeBuilder(base: GitOID?) throws(GitError) -> OpaquePointer? {
        var source: OpaquePointer?
        if let base { source = try lookUpTree(base) }
        defer { git_tree_free(source) }
        var builder: OpaquePointer?
        try GitCall.check(git_treebuilder_new(&builder, pointer, source), "start a tree")
        return builder
    }

    private func insert(_ oid: GitOID, named name: String, mode: git_filemode_t, into builder: OpaquePointer?) throws(GitError) {
        var raw = oid.raw
        try GitCall.check(git_treebuilder_insert(nil, builder, name, &raw, mode), "add \(name) to a tree")
    }

    private func write(_ builder: OpaquePointer?) throws(GitError) -> GitOID {
        var oid = git_oid()
        try GitCall.check(git_treebuilder_write(&oid, builder), "write a tree")
        return GitOID(oid)
    }
}
