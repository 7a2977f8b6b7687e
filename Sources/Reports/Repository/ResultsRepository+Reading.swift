import Foundation

/// Reading what is committed: models, revisions, runs, history. Everything is read from the
/// tree of `main`'s tip, never from the working tree.
extension ResultsRepository {
    /// Model slugs with at least one committed run, sorted.
    public func modelSlugs() throws(ResultsRepositoryError) -> [String] {
        guard let head = try mainTip() else { return [] }
        return try wrapGit { try git.folderNames(atPath: "", inCommit: head) }.sorted()
    }

    /// Committed revisions of a model, sorted.
    public func revisions(modelSlug: String) throws(ResultsRepositoryError) -> [String] {
        guard let head = try mainTip() else { return [] }
        return try wrapGit { try git.folderNames(atPath: modelSlug, inCommit: head) }.sorted()
    }

    /// The committed revision `text` names: itself, the only revision it is a prefix of, or the
    /// commit a name of the checkpoint's git repository points at (`rev1`, as `run --revision`
    /// takes it), read from the source folder the model's newest report names (``CheckpointRefs``).
    /// - Throws: `.unknownModel`, `.unknownRevision` or `.ambiguousRevision`.
    public func resolveRevision(_ text: String, modelSlug: String) throws(ResultsRepositoryError) -> String {
        let known = try revisions(modelSlug: modelSlug)
        guard !known.isEmpty else { throw .unknownModel(slug: modelSlug, known: try modelSlugs()) }
        if known.contains(text) { return text }
        let matches = text.isEmpty ? [] : known.filter { $0.hasPrefix(text) }
        guard matches.count <= 1 else { throw .ambiguousRevision(slug: modelSlug, prefix: text, matches: matches) }
        if let match = matches.first { return match }
        if !text.isEmpty, let source = try newestReport(modelSlug: modelSlug)?.model.source,
           let commit = CheckpointRefs(source: source).commit(named: text) {
            guard known.contains(commit) else {
                throw .unknownRevision(slug: modelSlug, revision: "\(text) (commit \(commit.prefix(12)) of \(source), which has no run)", known: known)
            }
            return commit
        }
        throw .unknownRevision(slug: modelSlug, revision: text, known: known)
    }

    /// Every committed run of a model, oldest first (by `created_at`, then run id).
    /// - Throws: `.unreadableReport` when a committed report.json cannot be read.
    /// Each entry carries the tags the checkpoint's repository gives its revision, where that
    /// repository is still where the newest report says (``CheckpointRefs``).
    public func history(modelSlug: String) throws(ResultsRepositoryError) -> [HistoryEntry] {
        let reports = Self.chronological(try allReports(modelSlug: modelSlug))
        let names = reports.last.map { CheckpointRefs(source: $0.model.source).tagsByCommit() } ?? [:]
        return reports.map { report in
            var entry = HistoryEntry(report)
            entry.revisionNames = names[report.model.revision]
            return entry
        }
    }

    /// The newest committed run of a model at an exact revision; nil when there is none.
    public func newestReport(modelSlug: String, revision: String) throws(ResultsRepositoryError) -> Report? {
        guard let head = try mainTip() else { return nil }
        return Self.chronological(try reports(modelSlug: modelSlug, revision: revision, at: head)).last
    }

    /// The newest committed run of a model at any revision (by `created_at`, then run id):
    /// the newest revision's newest run; nil when the model has none.
    public func newestReport(modelSlug: String) throws(ResultsRepositoryError) -> Report? {
        try Self.chronological(allReports(modelSlug: modelSlug)).last
    }

    /// Every committed report of a model, at every revision, in no particular order.
    private func allReports(modelSlug: String) throws(ResultsRepositoryError) -> [Report] {
        guard let head = try mainTip() else { return [] }
        var all: [Report] = []
        for revision in try wrapGit({ try git.folderNames(atPath: modelSlug, inCommit: head) }) {
            all += try reports(modelSlug: modelSlug, revision: revision, at: head)
        }
        return all
    }

    /// Every report committed under `<slug>/<revision>/` in `commit`'s tree.
    func reports(modelSlug: String, revision: String, at commit: GitOID) throws(ResultsRepositoryError) -> [Report] {
        var reports: [Report] = []
        for run in try wrapGit({ try git.folderNames(atPath: "\(modelSlug)/\(revision)", inCommit: commit) }) {
            let path = "\(modelSlug)/\(revision)/\(run)/report.json"
            guard let data = try wrapGit({ try git.blob(atPath: path, inCommit: commit) }) else { continue }
            let report: Report
            do { report = try Report.decode(data) } catch { throw .unreadableReport(path: path, error) }
            reports.append(report)
        }
        return reports
    }

    private static func chronological(_ reports: [Report]) -> [Report] {
        reports.sorted {
            let left = Report.parseDate($0.createdAt) ?? .distantPast, right = Report.parseDate($1.createdAt) ?? .distantPast
            return left == right ? $0.runID < $1.runID : left < right
        }
    }
}
