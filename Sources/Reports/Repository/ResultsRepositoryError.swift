/// Why the results repository could not do what was asked; each message names the path,
/// revision or field involved and what to do.
public enum ResultsRepositoryError: Error, CustomStringConvertible {
    /// The report failed `Report.validate()`; nothing was written.
    case invalidReport(ReportValidationError)
    /// An answers file is missing, unreadable, badly named, or one a variant names was not given.
    case answersFile(path: String, problem: String)
    /// The folder holds no usable results repository (history and compare do not create one).
    case notARepository(path: String, problem: String)
    /// Branch `main` is missing while run tags remain: its history was lost (a deleted ref), and
    /// writing on would start it again from nothing. `newestTag` is the latest run's tag.
    case branchMissing(path: String, tags: Int, newestTag: String)
    /// The run's folder already exists (a run id used twice, or a leftover of a crashed run).
    case runExists(path: String)
    /// Another process held the repository's lock for longer than the wait.
    case locked(path: String, seconds: Int)
    /// No run of this model is committed.
    case unknownModel(slug: String, known: [String])
    /// No committed revision of this model starts with the given text.
    case unknownRevision(slug: String, revision: String, known: [String])
    /// More than one committed revision starts with the given text.
    case ambiguousRevision(slug: String, prefix: String, matches: [String])
    /// A committed report.json cannot be read.
    case unreadableReport(path: String, ReportValidationError)
    /// Reading or writing a file in the working tree failed.
    case io(path: String, problem: String)
    /// A libgit2 call failed.
    case git(GitError)
    /// The run's tag would not be a valid git tag name (`tag`: the name, with a sample run id).
    case invalidTagName(tag: String)
    /// A loose object of the repository is damaged (``LooseObjectCheck``); nothing was read.
    case damagedObject(repository: String, id: String, path: String, problem: String)

    /// True for errors caused by what the user passed (exit code 2 on the command line).
    public var isBadInput: Bool {
        switch self {
        case .invalidReport, .answersFile, .notARepository, .branchMissing, .unknownModel, .unknownRevision, .ambiguousRevision, .invalidTagName: true
        case .runExists, .locked, .unreadableReport, .io, .git, .damagedObject: false
        }
    }

    public var description: String {
        switch self {
        case let .invalidReport(error):
            "results repository: report refused, nothing written: \(error)"
        case let .answersFile(path, problem):
            "results repository: answers file \(path): \(problem)"
        case let .notARepository(path, problem):
            "results repository \(path): \(problem); pass --results-repo or set QUANTORCH_RESULTS to a repository `quantorch run` wrote"
        case let .branchMissing(path, tags, newestTag):
            "results repository \(path): branch main is missing while \(tags) run tag\(tags == 1 ? "" : "s") remain, so its history was lost; nothing was written. Restore it from the newest run's tag, `git -C \(path) branch main \(newestTag)` (or a later commit if you know one), then run again"
        case let .runExists(path):
            "results repository: run folder \(path) already exists; a run id is used once (remove the folder if a crashed run left it)"
        case let .locked(path, seconds):
            "results repository: \(path) stayed locked by another process for \(seconds) s; retry when it has finished"
        case let .unknownModel(slug, known):
            "results repository: no runs of model \(slug); models present: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case let .unknownRevision(slug, revision, known):
            "results repository: model \(slug) has no revision starting with \(revision); revisions present: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case let .ambiguousRevision(slug, prefix, matches):
            "results repository: \(prefix) matches several revisions of \(slug) (\(matches.joined(separator: ", "))); give more characters"
        case let .unreadableReport(path, error):
            "results repository: \(path) cannot be read: \(error)"
        case let .io(path, problem):
            "results repository: \(path): \(problem)"
        case let .git(error):
            "results repository: \(error)"
        case let .damagedObject(repository, id, path, problem):
            "results repository \(repository): object \(id) is damaged: \(problem) (\(path)); nothing was read, since libgit2 would loop on it. See what else is damaged with `git -C \(repository) fsck`; to repair, copy the object from a clone or backup that has it (`git -C CLONE cat-file -p \(id)`, then `git -C \(repository) hash-object -w`), or move the file away if no commit needs it"
        case let .invalidTagName(tag):
            "results repository: the run would be tagged \(tag), which git refuses as a tag name; expected a model name and revision made of letters, digits, '.', '_' and '-', not starting with '-' or '.', not ending with '.lock'"
        }
    }
}
