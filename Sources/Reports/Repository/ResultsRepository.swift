import CLibGit2
import Foundation

/// The results repository (docs/ARCHITECTURE.md "Results repository"): a non-bare git repository on
/// branch `main` holding `<model_slug>/<revision>/<run_id>/{report.json, report.md,
/// report.html, card.md, card.svg, answers/<QUANT>.jsonl}`, one commit and one annotated tag per run.
///
/// Not Sendable (it owns libgit2 objects): give each thread or task its own instance. Writers
/// in several processes or threads are serialised by an exclusive `flock` on
/// `.git/quantorch-results.lock` held from reading `main` to writing the tag, so concurrent
/// runs all land, one commit each. History is only ever appended to.
///
/// ```swift
/// let results = try ResultsRepository(openingOrCreatingAt: URL(fileURLWithPath: "results"))
/// let outcome = try results.commit(report, answersFiles: answerURLs)   // outcome.tag
/// let runs = try results.history(modelSlug: report.model.slug)
/// ```
public final class ResultsRepository {
    /// How long `commit` waits for another writer before giving up, in seconds.
    public static let lockTimeout = 300.0

    let git: GitRepository

    /// Opens the repository at `url`, creating it (and the folder) when absent.
    /// - Throws: `.git` when it cannot be created or opened, `.notARepository` when it is bare
    ///   or HEAD is not on `main`.
    public init(openingOrCreatingAt url: URL) throws(ResultsRepositoryError) {
        let marker = url.appendingPathComponent(".git")
        do {
            git = FileManager.default.fileExists(atPath: marker.path)
                ? try GitRepository.open(at: url) : try GitRepository.create(at: url)
        } catch {
            throw .git(error)
        }
        try checkObjects(url)
        try checkBranch(url)
    }

    /// Opens an existing repository at `url`; creates nothing (for history and compare).
    /// - Throws: `.notARepository` when `url` holds no usable results repository.
    public init(openingExistingAt url: URL) throws(ResultsRepositoryError) {
        do {
            git = try GitRepository.open(at: url)
        } catch {
            throw .notARepository(path: url.path, problem: "no git repository here (\(error))")
        }
        try checkObjects(url)
        try checkBranch(url)
    }

    /// Refuses a repository with a damaged loose object before libgit2 reads it (``LooseObjectCheck``).
    private func checkObjects(_ url: URL) throws(ResultsRepositoryError) {
        if let damage = LooseObjectCheck(gitDirectory: git.gitDirectory).damaged().first {
            throw .damagedObject(repository: url.path, id: damage.id, path: damage.path, problem: damage.problem)
        }
    }

    private func checkBranch(_ url: URL) throws(ResultsRepositoryError) {
        let head: String?
        do { head = try git.headReferenceName() } catch { throw .git(error) }
        guard head == GitRepository.branchRef else {
            throw .notARepository(path: url.path, problem: "HEAD is \(head ?? "detached"), expected \(GitRepository.branchRef)")
        }
    }

    /// The working tree's root.
    public var workingDirectory: URL { git.workingDirectory }

    /// The run's tag: `<model_slug>/<revision first 12>/<run_id>`.
    public static func tagName(for report: Report) -> String {
        "\(report.model.slug)/\(report.model.revision.prefix(12))/\(report.runID)"
    }

    /// The run's folder inside the repository: `<model_slug>/<revision>/<run_id>`.
    public static func runPath(for report: Report) -> [String] {
        [report.model.slug, report.model.revision, report.runID]
    }

    /// Validates `report`, writes its folder (report.json, report.md, report.html, the model
    /// card's table card.md (`CardRenderer`), the scorecard card.svg (`ScorecardSVG`) and each of
    /// `answersFiles` as `answers/<file name>`) into the working tree, commits it on `main`
    /// (the previous commit's tree plus the new folder; the index is updated so `git status`
    /// stays clean) and tags it. Every variant's `answers_file` must be among `answersFiles`.
    ///
    /// When a report equal to this one except for `created_at`, `run_id` and `stage_timings`
    /// is already committed for the same model and revision, nothing is written and that run's
    /// commit and tag come back with `created == false`.
    /// - Throws: `.invalidReport` or `.answersFile` before anything is written; `.runExists`,
    ///   `.locked`, `.io` or `.git` otherwise. A failure before the commit removes the folder
    ///   it wrote, so nothing is left half-committed.
    public func commit(_ report: Report, answersFiles: [URL]) throws(ResultsRepositoryError) -> CommitOutcome {
        do { try report.validate() } catch { throw .invalidReport(error) }
        let files = try runFiles(report, answersFiles: answersFiles)
        let lock = try FileLock.acquire(git.gitDirectory.appendingPathComponent("quantorch-results.lock"), timeout: Self.lockTimeout)
        defer { lock.release() }
        return try commitLocked(report, files: files)
    }

    private func commitLocked(_ report: Report, files: [(path: String, data: Data)]) throws(ResultsRepositoryError) -> CommitOutcome {
        let head = try mainTip()
        if let head, let existing = try identicalRun(to: report, at: head) { return existing }

        let runPath = Self.runPath(for: report)
        let relativeFolder = runPath.joined(separator: "/")
        let folder = workingDirectory.appendingPathComponent(relativeFolder, isDirectory: true)
        let tag = Self.tagName(for: report)
        let taken: Bool
        do { taken = try git.resolve("refs/tags/\(tag)") != nil } catch { throw .git(error) }
        guard !taken, !FileManager.default.fileExists(atPath: folder.path) else { throw .runExists(path: folder.path) }

        // The tag is made before `main` moves, and `main` moves last: a refused tag name or a
        // racing writer then leaves no commit on `main` without its tag, and no folder behind.
        let commit: GitOID
        do throws(ResultsRepositoryError) {
            for file in files {
                try DurableFile.write(file.data, to: folder.appendingPathComponent(file.path))
            }
            let subtree = try wrapGit { try git.writeTree(from: folder) }
            let base = try wrapGit { try head.map { try git.tree(ofCommit: $0) } }
            let tree = try wrapGit { try git.writeTree(inserting: subtree, at: runPath, into: base) }
            commit = try wrapGit { try git.createCommit(tree: tree, message: Self.commitMessage(report), parent: head) }
            _ = try wrapGit { try git.createAnnotatedTag(named: tag, on: commit, message: Self.tagMessage(report)) }
            do throws(ResultsRepositoryError) {
                try wrapGit { try git.moveBranch(to: commit, from: head) }
            } catch {
                try? git.deleteTag(named: tag)
                throw error
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            removeEmptyParents(of: folder)
            throw error
        }
        try wrapGit { try git.resetIndex(toCommit: commit, refreshing: files.map { "\(relativeFolder)/\($0.path)" }) }
        return CommitOutcome(commit: commit.hex, tag: tag, reportPath: folder.appendingPathComponent("report.json"), created: true)
    }

    /// Removes the model and revision folders a failed commit created, so the working tree
    /// is as clean as before; folders that hold other runs are kept (removal of a non-empty
    /// folder fails).
    private func removeEmptyParents(of folder: URL) {
        var parent = folder.deletingLastPathComponent()
        while parent.standardizedFileURL.path.count > workingDirectory.standardizedFileURL.path.count,
              (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: parent)
            parent.deleteLastPathComponent()
        }
    }

    /// Checks, before any work, that a run of `modelSlug` at `revision` can be tagged:
    /// the tag `<model_slug>/<revision first 12>/<run_id>` must be a name libgit2 accepts
    /// for a tag (git's ref-name rules: no component starting with "." or ending with
    /// ".lock", no "..", no control characters, not starting with "-").
    /// - Throws: `.invalidTagName` naming the tag and what was expected.
    public static func checkTagName(modelSlug: String, revision: String) throws(ResultsRepositoryError) {
        let sample = "\(modelSlug)/\(revision.prefix(12))/\(RunID.make(date: Date(timeIntervalSince1970: 0)))"
        LibGit2.ensureInitialised()
        var valid: Int32 = 0
        guard git_tag_name_is_valid(&valid, sample) == 0, valid == 1 else {
            throw .invalidTagName(tag: sample)
        }
    }

    /// The run already committed for this model and revision whose report equals `report`
    /// without its run identity.
    private func identicalRun(to report: Report, at head: GitOID) throws(ResultsRepositoryError) -> CommitOutcome? {
        let wanted = (try? Report.decode(report.jsonData()))?.withoutRunIdentity
        for committed in try reports(modelSlug: report.model.slug, revision: report.model.revision, at: head)
        where committed.withoutRunIdentity == wanted {
            let tag = Self.tagName(for: committed)
            let commit = try wrapGit { try git.resolve("refs/tags/\(tag)") } ?? head
            let path = workingDirectory.appendingPathComponent(Self.runPath(for: committed).joined(separator: "/"))
                .appendingPathComponent("report.json")
            return CommitOutcome(commit: commit.hex, tag: tag, reportPath: path, created: false)
        }
        return nil
    }

    /// The files of a run folder, in memory, checked before anything is written.
    private func runFiles(_ report: Report, answersFiles: [URL]) throws(ResultsRepositoryError) -> [(path: String, data: Data)] {
        var answers: [(path: String, data: Data)] = []
        for url in answersFiles {
            let name = url.lastPathComponent
            let allowed = name.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._-".unicodeScalars.contains($0)
            }
            guard allowed, name.hasSuffix(".jsonl"), !name.hasPrefix(".") else {
                throw .answersFile(path: url.path, problem: "the name must be <QUANT_TYPE>.jsonl (letters, digits, . _ -)")
            }
            guard !answers.contains(where: { $0.path == "answers/\(name)" }) else {
                throw .answersFile(path: url.path, problem: "given twice (answers files are stored by file name)")
            }
            do {
                answers.append(("answers/\(name)", try Data(contentsOf: url)))
            } catch {
                throw .answersFile(path: url.path, problem: "cannot be read: \(error.localizedDescription)")
            }
        }
        for variant in report.variants where variant.notEvaluated == nil && !answers.contains(where: { $0.path == variant.answersFile }) {
            throw .answersFile(path: variant.answersFile,
                               problem: "variant \(variant.quantType) names it, but it is not among the answers files given")
        }
        return Self.renderedFiles(report) + answers
    }

    /// report.json and every file rendered from it alone, by name in the run folder.
    static func renderedFiles(_ report: Report, committedReview: ReviewFile? = nil) -> [(path: String, data: Data)] {
        [("report.json", report.jsonData()),
         ("report.md", Data(MarkdownRenderer.render(report).utf8)),
         ("report.html", Data(HTMLRenderer.render(report, committedReview: committedReview).utf8)),
         ("card.md", Data(CardRenderer.markdown(report).utf8)),
         ("card.svg", Data(ScorecardSVG.render(report).utf8))]
    }

    static func commitMessage(_ report: Report) -> String {
        let outcome = report.selection.quantType.map { "selected \($0)" }
            ?? "none CLOSE, keep the baseline \(report.baseline?.quantType ?? "")"
        return """
        \(report.model.name) at \(report.model.revision): \(outcome)

        run \(report.runID), suite \(report.suite.name) (\(report.suite.sha256.prefix(12))), \(report.settings.mode) mode
        ladder: \(report.variants.map { "\($0.quantType) (\(ladderLabel($0)))" }.joined(separator: ", "))

        """
    }

    /// "baseline", the verdict's status, or for reports written before verdicts
    /// "accepted" / "rejected".
    static func ladderLabel(_ variant: Variant) -> String {
        if variant.isBaseline { return "baseline" }
        return variant.verdict?.status ?? (variant.accepted ? "accepted" : "rejected")
    }

    static func tagMessage(_ report: Report) -> String {
        let outcome = report.selection.quantType.map { "selected \($0)" }
            ?? "none CLOSE, keep the baseline \(report.baseline?.quantType ?? "")"
        return "\(report.model.name) at \(report.model.revision), run \(report.runID): \(outcome)\n"
    }
}

/// Runs libgit2 steps, turning their `GitError` into `ResultsRepositoryError.git`.
///
/// The closure is untyped because Swift does not infer a closure literal's typed throws;
/// the wrapper steps only throw `GitError` or `ResultsRepositoryError`, passed through as they are.
extension ResultsRepository {
    /// The commit `main` points at; nil in a repository without runs.
    /// - Throws: ``ResultsRepositoryError/branchMissing(path:tags:newestTag:)`` when `main` is
    ///   gone but run tags remain (every read and write would otherwise see an empty history, and
    ///   the next run would start a new root commit without a word), `.git` for libgit2's errors.
    func mainTip() throws(ResultsRepositoryError) -> GitOID? {
        if let head = try wrapGit({ try git.head() }) { return head }
        let tags = try wrapGit { try git.tagNames(matching: "*") }
        guard let newest = tags.max(by: { ($0.split(separator: "/").last ?? "") < ($1.split(separator: "/").last ?? "") }) else { return nil }
        throw .branchMissing(path: workingDirectory.path, tags: tags.count, newestTag: newest)
    }
}

func wrapGit<T>(_ body: () throws -> T) throws(ResultsRepositoryError) -> T {
    do {
        return try body()
    } catch let error as GitError {
        throw .git(error)
    } catch let error as ResultsRepositoryError {
        throw error
    } catch {
        throw .io(path: "", problem: "\(error)")
    }
}
