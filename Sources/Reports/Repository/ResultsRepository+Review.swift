import Foundation

/// Human reviews: a review file checked against its run, then committed beside the report in a
/// follow-up commit with its own annotated tag, the run's views re-rendered with its figures.
extension ResultsRepository {
    /// The committed run `runID` of `modelSlug` at the exact `revision`; nil when there is none.
    /// - Throws: `.unreadableReport` when its report.json cannot be read, `.git` otherwise.
    public func report(modelSlug: String, revision: String, runID: String) throws(ResultsRepositoryError) -> Report? {
        guard let head = try mainTip() else { return nil }
        return try committedReport(at: "\(modelSlug)/\(revision)/\(runID)", in: head)
    }

    /// Checks `file` (read from `path`) against run `runID` of `modelSlug` at the exact
    /// `revision` (`ReviewCheck`: the run it names, and every rating's question, form and
    /// variant), then commits on `main` the run folder with `review.json` (the file, re-encoded)
    /// and report.json, report.md, report.html, card.md and card.svg re-rendered with the
    /// report's `review` (`ReviewSummary`), and tags that commit `<run tag>-review-<n>`.
    ///
    /// A second review of the same run replaces the first in the folder and in `review`; it gets
    /// the next n, and the earlier tags keep pointing at the earlier reviews.
    /// - Throws: `.unknownRun`, or any of `ReviewCheck`'s refusals, before anything is written;
    ///   `.results` when the repository cannot be read, locked or written. A refused or failed
    ///   import moves neither `main` nor any tag. A file identical to the review already
    ///   committed commits nothing and returns that review's tag (`unchanged`).
    public func importReview(_ file: ReviewFile, path: String, modelSlug: String, revision: String,
                             runID: String) throws(ReviewError) -> ReviewImportOutcome {
        let lock: FileLock
        do { lock = try FileLock.acquire(git.gitDirectory.appendingPathComponent("quantorch-results.lock"), timeout: Self.lockTimeout) } catch {
            throw .results(error)
        }
        defer { lock.release() }
        return try importLocked(file, path: path, runPath: [modelSlug, revision, runID])
    }

    private func importLocked(_ file: ReviewFile, path: String, runPath: [String]) throws(ReviewError) -> ReviewImportOutcome {
        let folder = runPath.joined(separator: "/")
        let found: (head: GitOID, report: Report)?
        let known: [String]
        do throws(ResultsRepositoryError) {
            found = try committedRun(at: folder)
            known = found == nil ? try runs(runPath) : []
        } catch {
            throw .results(error)
        }
        guard let (head, report) = found else {
            throw .unknownRun(slug: runPath[0], revision: runPath[1], runID: runPath[2], known: known)
        }
        try ReviewCheck(report: report, answered: try answeredForms(report, folder: folder, in: head)).check(file, path: path)

        do throws(ResultsRepositoryError) {
            // The same file again is already there: a second commit and tag would say the run
            // was reviewed twice.
            if let summary = report.review,
               try wrapGit({ try git.blob(atPath: "\(folder)/\(ReviewFile.fileName)", inCommit: head) }) == file.jsonData() {
                return ReviewImportOutcome(commit: head.hex, tag: summary.tag,
                                           reviewPath: workingDirectory.appendingPathComponent("\(folder)/\(ReviewFile.fileName)"),
                                           summary: summary, replaced: false, unchanged: true)
            }
            let runTag = Self.tagName(for: report)
            let earlier = try wrapGit { try git.tagNames(matching: "\(runTag)-review-*") }
            let tag = "\(runTag)-review-\(earlier.count + 1)"
            let summary = ReviewSummary(ratings: file.ratings, report: report, tag: tag)
            var reviewed = report
            reviewed.review = summary
            do { try reviewed.validate() } catch { throw ResultsRepositoryError.invalidReport(error) }
            let files = Self.renderedFiles(reviewed, committedReview: file) + [(ReviewFile.fileName, file.jsonData())]

            let subtree = try wrapGit { try git.writeTree(replacing: files.map { ($0.path, $0.data) }, inFolder: folder, ofCommit: head) }
            let base = try wrapGit { try git.tree(ofCommit: head) }
            let tree = try wrapGit { try git.writeTree(inserting: subtree, at: runPath, into: base) }
            let commit = try wrapGit { try git.createCommit(tree: tree, message: Self.reviewMessage(reviewed), parent: head) }
            _ = try wrapGit { try git.createAnnotatedTag(named: tag, on: commit, message: Self.reviewMessage(reviewed)) }
            do throws(ResultsRepositoryError) {
                try wrapGit { try git.moveBranch(to: commit, from: head) }
            } catch {
                try? git.deleteTag(named: tag)
                throw error
            }
            try updateWorkingTree(files, folder: folder, commit: commit, tag: tag)
            return ReviewImportOutcome(commit: commit.hex, tag: tag,
                                       reviewPath: workingDirectory.appendingPathComponent("\(folder)/\(ReviewFile.fileName)"),
                                       summary: summary, replaced: report.review != nil)
        } catch {
            throw .results(error)
        }
    }

    /// Brings the working tree and the index to the commit just made, which was built from
    /// objects alone so that a working tree edited by hand cannot leak into it.
    private func updateWorkingTree(_ files: [(path: String, data: Data)], folder: String, commit: GitOID, tag: String) throws(ResultsRepositoryError) {
        do throws(ResultsRepositoryError) {
            for file in files {
                try DurableFile.write(file.data, to: workingDirectory.appendingPathComponent("\(folder)/\(file.path)"))
            }
            try wrapGit { try git.resetIndex(toCommit: commit, refreshing: files.map { "\(folder)/\($0.path)" }) }
        } catch {
            throw .io(path: folder, problem: "the review is committed (tag \(tag)), but the working tree was not updated (\(error)); run `git checkout -- \(folder)` in the results repository")
        }
    }

    private func committedRun(at folder: String) throws(ResultsRepositoryError) -> (head: GitOID, report: Report)? {
        guard let head = try mainTip(), let report = try committedReport(at: folder, in: head) else { return nil }
        return (head, report)
    }

    private func committedReport(at folder: String, in commit: GitOID) throws(ResultsRepositoryError) -> Report? {
        let path = "\(folder)/report.json"
        guard let data = try wrapGit({ try git.blob(atPath: path, inCommit: commit) }) else { return nil }
        do { return try Report.decode(data) } catch { throw .unreadableReport(path: path, error) }
    }

    /// The run ids committed beside the one asked for, for the refusal's message.
    private func runs(_ runPath: [String]) throws(ResultsRepositoryError) -> [String] {
        guard let head = try mainTip() else { return [] }
        return try wrapGit { try git.folderNames(atPath: "\(runPath[0])/\(runPath[1])", inCommit: head) }
    }

    /// Per evaluated variant, the question ids and forms its committed answers file holds.
    private func answeredForms(_ report: Report, folder: String, in commit: GitOID) throws(ReviewError) -> [String: Set<ReviewCheck.AnsweredForm>] {
        var answered: [String: Set<ReviewCheck.AnsweredForm>] = [:]
        for variant in report.variants where variant.notEvaluated == nil {
            let data: Data?
            do { data = try wrapGit { try git.blob(atPath: "\(folder)/\(variant.answersFile)", inCommit: commit) } } catch { throw .results(error) }
            guard let data else { continue }
            var forms: Set<ReviewCheck.AnsweredForm> = []
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let question = object["question_id"] as? String, let form = object["form"] as? String else { continue }
                forms.insert(ReviewCheck.AnsweredForm(questionID: question, form: form))
            }
            answered[variant.quantType] = forms
        }
        return answered
    }

    static func reviewMessage(_ report: Report) -> String {
        guard let review = report.review else { return "\(report.model.name) at \(report.model.revision): run \(report.runID)\n" }
        return """
        \(report.model.name) at \(report.model.revision): human review of run \(report.runID)

        \(review.ratings) ratings (\(review.counting)); \(ReviewText.agreement(review))
        human accuracy: \(review.variants.map { "\($0.quantType) \(FigureFormat.text($0.humanAccuracy, interval: false))" }.joined(separator: ", "))

        """
    }
}
