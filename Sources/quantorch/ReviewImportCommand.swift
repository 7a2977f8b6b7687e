import ArgumentParser
import Foundation
import Reports

/// `quantorch review import MODEL REVISION RUN FILE`: checks a review exported from report.html
/// against the run's answers and commits it beside the report (`ResultsRepository.importReview`).
struct ReviewImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Commit a review exported from report.html beside its run's report, with human accuracy and Cohen's kappa.",
        discussion: """
        Every rating must name a question, form and variant of that run; otherwise nothing is committed \
        and the command exits 2 naming the field. The review is committed as review.json in the run's \
        folder, report.json/md/html are re-rendered with a "Human review" section, and the commit is tagged \
        <run tag>-review-<n>. Importing again replaces the review (with the next n; earlier tags stay). \
        Exit codes: 0 imported, 1 the repository cannot be read or written, 2 bad input.
        """
    )

    @Argument(help: "The model's name or slug.")
    var model: String

    @Argument(help: "The revision (or a unique prefix of it).")
    var revision: String

    @Argument(help: "The run id (as in report.json's run_id).")
    var runID: String

    @Argument(help: "The review file report.html's \"Export review\" downloaded.")
    var file: String

    @OptionGroup var results: ResultsRepoOption

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    func run() throws {
        let slug = try CommandFailure.slug(model, "review import")
        let path = (file as NSString).expandingTildeInPath
        let outcome: ReviewImportOutcome
        do throws(ReviewError) {
            let data: Data
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ReviewError.unreadable(path: path, field: "", problem: "does not exist; expected the review file report.html exported")
            }
            if isFolder.boolValue {
                throw ReviewError.unreadable(path: path, field: "", problem: "is a folder; expected the review file report.html exported")
            }
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw ReviewError.unreadable(path: path, field: "", problem: "cannot be read: \(error.localizedDescription)")
            }
            let review = try ReviewFile.decode(data, path: path)
            let repository: ResultsRepository
            let fullRevision: String
            do throws(ResultsRepositoryError) {
                repository = try ResultsRepository(openingExistingAt: results.url)
                fullRevision = try repository.resolveRevision(revision, modelSlug: slug)
            } catch {
                throw ReviewError.results(error)
            }
            outcome = try repository.importReview(review, path: path, modelSlug: slug, revision: fullRevision, runID: runID)
        } catch {
            CommandFailure.say("review import", "\(error)")
            throw error.isBadInput ? QuantorchExit.badInput : QuantorchExit.failure
        }
        if json {
            try JSONOutput.print(ReviewImportOutput(outcome))
        } else {
            let accuracy = outcome.summary.variants.map { "\($0.quantType) \(FigureFormat.text($0.humanAccuracy, interval: false))" }
            if outcome.unchanged {
                print("already imported as \(outcome.tag) (commit \(outcome.commit.prefix(12))): the file is the review committed; nothing committed")
            } else {
                print("imported \(outcome.summary.ratings) rating\(outcome.summary.ratings == 1 ? "" : "s") as \(outcome.tag) (commit \(outcome.commit.prefix(12)))\(outcome.replaced ? ", replacing the earlier review" : "")")
            }
            print("human accuracy: \(accuracy.joined(separator: ", "))")
            print(ReviewText.agreement(outcome.summary))
        }
    }
}

/// `review import --json`: `{"commit", "tag", "review_file", "replaced", "unchanged", "review": ReviewSummary}`.
struct ReviewImportOutput: Encodable {
    var commit: String
    var tag: String
    var reviewFile: String
    var replaced: Bool
    var unchanged: Bool
    var review: ReviewSummary

    init(_ outcome: ReviewImportOutcome) {
        commit = outcome.commit
        tag = outcome.tag
        reviewFile = outcome.reviewPath.path
        replaced = outcome.replaced
        unchanged = outcome.unchanged
        review = outcome.summary
    }

    enum CodingKeys: String, CodingKey {
        case commit, tag, replaced, unchanged, review
        case reviewFile = "review_file"
    }
}
