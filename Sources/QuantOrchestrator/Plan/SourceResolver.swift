import Foundation
import LlamaTools

/// Resolves a recipe's model source and revision into a checkpoint that later stages read.
///
/// - A git-backed folder: `revision` (a commit, tag or branch; HEAD when absent) is resolved to
///   the full commit sha with the `git` CLI and exported into `<work>/sources/<sha>/` (a shared
///   clone checked out at that commit), so evaluating revision 1 never touches the user's
///   working tree and the evaluated bytes are exactly that commit's.
/// - Any other folder or a GGUF: `revision` is a label; without one the revision is a
///   sha256 over config.json and the weight files (or over the GGUF file).
public struct SourceResolver: Sendable {
    /// Folder under which git revisions are exported.
    public let exportRoot: URL
    /// The `git` executable.
    public let git: URL

    /// - Parameters:
    ///   - exportRoot: e.g. `<work>/sources`.
    ///   - git: path of `git` (default `/usr/bin/git`).
    public init(exportRoot: URL, git: URL = URL(fileURLWithPath: "/usr/bin/git")) {
        self.exportRoot = exportRoot
        self.git = git
    }

    /// - Parameter exporting: false for `plan`, which must write nothing into the work folder: a
    ///   git revision not exported yet is then read through a temporary view (``view(source:sha:)``).
    /// - Throws: `PipelineError.badInput` for an unknown revision or an unusable source,
    ///   `PipelineError.toolFailed` when git fails otherwise.
    public func resolve(source: URL, revision: String?, exporting: Bool = true) async throws -> ResolvedSource {
        if source.pathExtension.lowercased() == "gguf" {
            return ResolvedSource(checkpoint: source, revision: try label(revision) ?? FileDigest.sha256(of: source),
                                  revisionKind: revision == nil ? .contentHash : .label, kind: .gguf)
        }
        if FileManager.default.fileExists(atPath: source.appending(path: ".git").path) {
            return try await resolveGit(source: source, revision: revision ?? "HEAD", exporting: exporting)
        }
        return ResolvedSource(checkpoint: source, revision: try label(revision) ?? contentHash(of: source),
                              revisionKind: revision == nil ? .contentHash : .label, kind: .hfFolder)
    }

    private func label(_ revision: String?) throws -> String? {
        guard let revision else { return nil }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !revision.isEmpty, revision != ".", revision != "..", revision.unicodeScalars.allSatisfy(allowed.contains) else {
            throw PipelineError.badInput("revision '\(revision)' of a source that is not a git repository is used as a folder name: use letters, digits, '.', '_' and '-' only")
        }
        return revision
    }

    private func resolveGit(source: URL, revision: String, exporting: Bool) async throws -> ResolvedSource {
        let parsed = try await CommandRunner.run(git, ["-C", source.path, "rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], timeout: .seconds(60))
        let sha = (parsed.standardOutput ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard parsed.termination.isSuccess, sha.count == 40 else {
            throw PipelineError.badInput("model revision '\(revision)' is not a commit of the git repository \(source.path) (try `git -C \(source.path) log --oneline` or `git tag`)")
        }
        let target = exportRoot.appending(path: sha, directoryHint: .isDirectory)
        if !exporting, !FileManager.default.fileExists(atPath: target.appending(path: ".quantorch-exported").path) {
            var view = ResolvedSource(checkpoint: try await view(source: source, sha: sha), revision: sha, revisionKind: .gitCommit, kind: .hfFolder)
            view.isTemporaryView = true
            return view
        }
        // Runs of other models or revisions may share this folder and export the same commit;
        // each would delete the other's partial clone, so exports of one commit take turns.
        let lock: ProcessLock
        do { lock = try await ProcessLock.wait(exportRoot.appending(path: "\(sha).lock")) } catch let failure as ProcessLock.Failure {
            throw PipelineError.io("cannot lock \(exportRoot.path) to export commit \(sha): \(failure)")
        }
        defer { lock.release() }
        if !FileManager.default.fileExists(atPath: target.appending(path: ".quantorch-exported").path) {
            try await export(source: source, sha: sha, to: target)
        }
        return ResolvedSource(checkpoint: target, revision: sha, revisionKind: .gitCommit, kind: .hfFolder)
    }

    /// The commit's files in `<work>/sources/<sha>/`, checked against the free space first; a
    /// failed export leaves no `.partial` behind to fill the disk again on the next try.
    private func export(source: URL, sha: String, to target: URL) async throws {
        let partial = target.deletingLastPathComponent().appending(path: "\(sha).partial", directoryHint: .isDirectory)
        try? FileManager.default.removeItem(at: partial)
        try FileManager.default.createDirectory(at: exportRoot, withIntermediateDirectories: true)
        let steps: [[String]] = [
            ["clone", "--quiet", "--shared", "--no-checkout", source.path, partial.path],
            ["-C", partial.path, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", sha],
        ]
        do {
            try await DiskSpace.writing(partial, estimate: try await treeBytes(source: source, sha: sha)) {
                for arguments in steps {
                    let out = try await CommandRunner.run(git, arguments, timeout: .seconds(1800))
                    guard out.termination.isSuccess else {
                        throw PipelineError.toolFailed("git \(arguments.joined(separator: " ")) \(out.termination): \(out.combined.suffix(400))")
                    }
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        guard FileManager.default.fileExists(atPath: partial.appending(path: "config.json").path) else {
            throw PipelineError.badInput("commit \(sha) of \(source.path) has no config.json: not a Hugging Face checkpoint at that revision")
        }
        try Data(sha.utf8).write(to: partial.appending(path: ".quantorch-exported"))
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: partial, to: target)
    }

    /// What `plan` reads of a commit without exporting it, in a temporary folder: its JSON files
    /// (config.json, the tokenizer) whole, and of each safetensors file its header alone (the
    /// 8-byte length and the JSON table of shapes).
    private func view(source: URL, sha: String) async throws -> URL {
        let listing = try await CommandRunner.run(git, ["-C", source.path, "ls-tree", "-l", sha], timeout: .seconds(120))
        guard listing.termination.isSuccess, let entries = listing.standardOutput else {
            throw PipelineError.toolFailed("git -C \(source.path) ls-tree -l \(sha) \(listing.termination): \(listing.combined.suffix(400))")
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "quantorch-plan-\(sha.prefix(12))-\(UUID().uuidString.prefix(8))",
                                                                       directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            for line in entries.split(separator: "\n") {
                // "<mode> blob <id> <size>\t<name>"
                let parts = line.split(separator: "\t", maxSplits: 1)
                let fields = parts.first?.split(separator: " ") ?? []
                guard parts.count == 2, fields.count == 4, fields[1] == "blob", let size = Int(fields[3]) else { continue }
                let name = String(parts[1])
                let out = folder.appending(path: name)
                if name.hasSuffix(".safetensors") {
                    try await header(of: "\(sha):\(name)", in: source, to: out)
                } else if name.hasSuffix(".json"), size < CommandRunner.captureLimit {
                    let blob = try await CommandRunner.run(git, ["-C", source.path, "show", "\(sha):\(name)"], timeout: .seconds(120))
                    guard blob.termination.isSuccess else { continue }
                    try Data((blob.standardOutput ?? "").utf8).write(to: out)
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        guard FileManager.default.fileExists(atPath: folder.appending(path: "config.json").path) else {
            try? FileManager.default.removeItem(at: folder)
            throw PipelineError.badInput("commit \(sha) of \(source.path) has no config.json: not a Hugging Face checkpoint at that revision")
        }
        return folder
    }

    /// The safetensors header of the blob `object`, read from `git cat-file` until it is whole.
    private func header(of object: String, in source: URL, to file: URL) async throws {
        // `head -c` stops the stream after the bytes wanted; git then ends on a closed pipe.
        let script = #"git -C "$1" cat-file blob "$2" | head -c 8 > "$3.len" && n=$(od -An -tu8 -N8 "$3.len" | tr -d ' ') && git -C "$1" cat-file blob "$2" | head -c $((8 + n)) > "$3"; rm -f "$3.len""#
        let out = try await CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, "sh", source.path, object, file.path], timeout: .seconds(120))
        guard out.termination.isSuccess else {
            throw PipelineError.toolFailed("reading the safetensors header of \(object) in \(source.path) \(out.termination): \(out.combined.suffix(400))")
        }
    }

    /// The bytes of the commit's files (`git ls-tree -r -l`), what checking it out writes; nil
    /// when git does not say.
    private func treeBytes(source: URL, sha: String) async throws -> Int? {
        let out = try await CommandRunner.run(git, ["-C", source.path, "ls-tree", "-r", "-l", sha], timeout: .seconds(120))
        guard out.termination.isSuccess, let listing = out.standardOutput else { return nil }
        // "<mode> blob <id> <size>\t<path>"; a submodule's size is "-".
        return listing.split(separator: "\n").reduce(0) { total, line in
            total + (line.split(separator: "\t").first?.split(separator: " ").last.flatMap { Int($0) } ?? 0)
        }
    }

    /// sha256 over `config.json` and the weight files, each named, in name order.
    private func contentHash(of folder: URL) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0 == "config.json" || $0.hasSuffix(".safetensors") || $0.hasSuffix(".bin")
        }.sorted()
        let lines = try names.map { "\($0)\t\(try FileDigest.sha256(of: folder.appending(path: $0)))\n" }.joined()
        return FileDigest.sha256(of: Data(lines.utf8))
    }
}
