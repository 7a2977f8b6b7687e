import Foundation

/// The names a model's checkpoint repository gives its commits (`rev1`, `v2`, `main`), read from
/// the source folder a committed report names, so `compare`, `card` and `history` take and show
/// the names `run --revision` takes, while the results repository itself keys runs by full sha.
///
/// The folder is read where the report says it was; on another machine, or after it moved, there
/// are no names, and commands fall back to shas and their prefixes.
struct CheckpointRefs {
    private let repository: GitRepository?

    /// The checkpoint repository at `source`; empty when it is no git repository here.
    init(source: String) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: source + "/.git", isDirectory: &isDirectory)
        repository = exists ? try? GitRepository.open(at: URL(fileURLWithPath: source, isDirectory: true)) : nil
    }

    /// The full sha `name` (a tag, a branch, any revision git parses) points at; nil when the
    /// repository is not here or has no such name.
    func commit(named name: String) -> String? {
        guard let repository, !name.hasPrefix("-") else { return nil }
        return (try? repository.resolve(name))??.hex
    }

    /// Tag names by the full sha they point at, each list sorted.
    func tagsByCommit() -> [String: [String]] {
        guard let repository, let tags = try? repository.tagNames() else { return [:] }
        var names: [String: [String]] = [:]
        for tag in tags {
            if let commit = commit(named: "refs/tags/\(tag)") { names[commit, default: []].append(tag) }
        }
        return names
    }
}
