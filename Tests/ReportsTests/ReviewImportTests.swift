import Foundation
import Testing
@testable import Reports

/// `ResultsRepository.importReview` on a real results repository (libgit2, read back with the
/// git command line): a checked review lands beside its report with its own tag; a review
/// naming anything the run does not have is refused and commits nothing.
@Suite struct ReviewImportTests {
    static let folder = "huggingfacetb--smollm2-135m-instruct/4e53ad5f7c2b9f0e3d81a6c4b2e9d0f1a7c3b5e8/20261129T093000Z-3fa9c1"
    static let runTag = "huggingfacetb--smollm2-135m-instruct/4e53ad5f7c2b/20261129T093000Z-3fa9c1"

    private func committed() throws -> (RepositoryFixture, ResultsRepository, Report) {
        let fixture = try RepositoryFixture()
        let report = try ReportFixture.report()
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        _ = try repository.commit(report, answersFiles: fixture.answersFiles(for: report))
        return (fixture, repository, report)
    }

    private func importing(_ file: ReviewFile, into repository: ResultsRepository, _ report: Report) throws(ReviewError) -> ReviewImportOutcome {
        try repository.importReview(file, path: "review.json", modelSlug: report.model.slug, revision: report.model.revision, runID: report.runID)
    }

    @Test(.timeLimit(.minutes(1)))
    func aReviewIsCommittedBesideTheReportWithItsOwnTag() throws {
        let (fixture, repository, report) = try committed()
        defer { fixture.remove() }
        let git = { (arguments: [String]) throws -> GitCLI.Output in try GitCLI.run(arguments, in: fixture.repositoryURL) }
        let runCommit = try git(["rev-parse", "HEAD"]).stdout

        let outcome = try importing(ReviewSamples.file(report), into: repository, report)
        #expect(outcome.tag == "\(Self.runTag)-review-1")
        #expect(!outcome.replaced)
        #expect(try git(["rev-parse", "HEAD"]).stdout == "\(outcome.commit)\n")
        #expect(try git(["rev-parse", "HEAD~1"]).stdout == runCommit)
        #expect(try git(["rev-parse", "\(Self.runTag)^{commit}"]).stdout == runCommit, "the run's tag must stay on the run's commit")
        #expect(try git(["cat-file", "-t", outcome.tag]).stdout == "tag\n")
        #expect(try git(["rev-parse", "\(outcome.tag)^{commit}"]).stdout == "\(outcome.commit)\n")
        #expect(try git(["log", "-1", "--format=%s"]).stdout.contains("human review of run 20261129T093000Z-3fa9c1"))
        let changed = try git(["diff", "--name-only", "HEAD~1", "HEAD"]).stdout
        // card.md and card.svg are rendered again but do not show the review, so they stay as they were.
        #expect(changed == ["report.html", "report.json", "report.md", "review.json"].map { "\(Self.folder)/\($0)\n" }.joined())
        let fsck = try git(["fsck", "--strict"])
        #expect(fsck.status == 0, "\(fsck.stderr)")
        #expect(try git(["status", "--porcelain"]).stdout == "")

        let stored = try ReviewFile.decode(Data(git(["show", "HEAD:\(Self.folder)/review.json"]).stdout.utf8), path: "review.json")
        #expect(stored == ReviewSamples.file(report))
        let reviewed = try #require(try repository.report(modelSlug: report.model.slug, revision: report.model.revision, runID: report.runID))
        let review = try #require(reviewed.review)
        #expect(review.tag == outcome.tag)
        #expect(abs(try #require(review.agreement?.kappa) - 1.0 / 3.0) < 1e-12)
        #expect(reviewed.withoutRunIdentity == report.withoutRunIdentity)
        let markdown = try git(["show", "HEAD:\(Self.folder)/report.md"]).stdout
        #expect(markdown == MarkdownRenderer.render(reviewed))
        #expect(markdown.contains("## Human review"))
        #expect(markdown.contains("| Q6_K | 2 | 1 | 1 | 0 | 50.0 % [9.5–90.5] | 0.00 (2) |"))
        #expect(markdown.contains("Cohen's κ over all rated answers: 0.33 (n 6; observed agreement 66.7 %, chance 50.0 %)."))
        let html = try git(["show", "HEAD:\(Self.folder)/report.html"]).stdout
        #expect(html.contains("<table id=\"human-review\">"))
        #expect(html.contains("Committed: 6 ratings, tag <code>\(outcome.tag)</code>"))

        let history = try repository.history(modelSlug: report.model.slug)
        #expect(history.map(\.review?.tag) == [outcome.tag])
        #expect(HistoryTable.render(history, modelSlug: report.model.slug).contains("50.0 %, κ 0.33 (6)"))

        // The same file again commits nothing and names the review already there (issue 32).
        let same = try importing(ReviewSamples.file(report), into: repository, report)
        #expect(same.unchanged && same.tag == outcome.tag && same.commit == outcome.commit)
        #expect(try git(["rev-parse", "HEAD"]).stdout == "\(outcome.commit)\n")
        #expect(try git(["tag", "-l", "\(Self.runTag)-review-*"]).stdout == "\(Self.runTag)-review-1\n")

        // A second review replaces the first in the folder, with the next tag; the first tag stays.
        var second = ReviewSamples.file(report, [ReviewRating(questionID: "branches", form: "original", variant: "Q6_K", rating: .right)])
        second.model = report.model.name
        let again = try importing(second, into: repository, report)
        #expect(again.tag == "\(Self.runTag)-review-2")
        #expect(again.replaced)
        #expect(try git(["tag", "-l", "\(Self.runTag)-review-*"]).stdout == "\(Self.runTag)-review-1\n\(Self.runTag)-review-2\n")
        #expect(try git(["rev-parse", "\(outcome.tag)^{commit}"]).stdout == "\(outcome.commit)\n")
        let latest = try #require(try repository.report(modelSlug: report.model.slug, revision: report.model.revision, runID: report.runID)?.review)
        #expect(latest.ratings == 1)
        #expect(latest.variants.map(\.quantType) == ["Q6_K"])
        #expect(try git(["status", "--porcelain"]).stdout == "")
    }

    @Test(.timeLimit(.minutes(1)))
    func aReviewNamingAnythingTheRunLacksIsRefusedAndCommitsNothing() throws {
        let (fixture, repository, report) = try committed()
        defer { fixture.remove() }
        let before = try snapshot(fixture.repositoryURL)
        let good = ReviewSamples.six[0]
        func refusal(_ ratings: [ReviewRating], tweak: (inout ReviewFile) -> Void = { _ in }) throws -> ReviewError {
            var file = ReviewSamples.file(report, ratings)
            tweak(&file)
            do {
                _ = try importing(file, into: repository, report)
            } catch {
                #expect(error.isBadInput)
                return error
            }
            throw Refused.notRefused
        }

        let question = try refusal([good, ReviewRating(questionID: "nope", form: "original", variant: "Q6_K", rating: .right)])
        guard case .unknownQuestion(_, 1, "nope", let known) = question else { Issue.record("unexpected \(question)"); return }
        #expect(known == ["paclitaxel", "cisplatin", "branches", "script-tag"])
        #expect(question.description.hasPrefix("review file review.json: ratings[1].question_id: \"nope\" is not a question of this run; expected one of paclitaxel, cisplatin, branches, script-tag"))
        #expect(question.description.hasSuffix("nothing committed"))

        let variant = try refusal([ReviewRating(questionID: "paclitaxel", form: "original", variant: "Q5_K_S", rating: .wrong)])
        guard case .unknownVariant(_, 0, "Q5_K_S", _) = variant else { Issue.record("unexpected \(variant)"); return }
        #expect(variant.description.contains("ratings[0].variant: \"Q5_K_S\" is not a variant of this run that answered the suite; expected one of F16, Q8_0, Q6_K, Q4_K_M, Q3_K_M, Q2_K"))

        let form = try refusal([ReviewRating(questionID: "paclitaxel", form: "paraphrase:0", variant: "Q6_K", rating: .wrong)])
        guard case .unknownForm(_, 0, "paclitaxel", "Q6_K", "paraphrase:0", ["original"]) = form else { Issue.record("unexpected \(form)"); return }

        let twice = try refusal([good, good])
        guard case .duplicate(_, 1, 0) = twice else { Issue.record("unexpected \(twice)"); return }

        let otherRun = try refusal([good]) { $0.runID = "20261130T101500Z-0b7e22" }
        guard case .otherRun(_, "run_id", "20261130T101500Z-0b7e22", _) = otherRun else { Issue.record("unexpected \(otherRun)"); return }

        let empty = try refusal([])
        guard case .noRatings = empty else { Issue.record("unexpected \(empty)"); return }

        do {
            _ = try repository.importReview(ReviewSamples.file(report), path: "review.json", modelSlug: report.model.slug,
                                            revision: report.model.revision, runID: "20261130T101500Z-0b7e22")
            Issue.record("a review of a run that does not exist was imported")
        } catch {
            guard case .unknownRun(_, _, _, [report.runID]) = error else { Issue.record("unexpected \(error)"); return }
        }
        #expect(try snapshot(fixture.repositoryURL) == before)
    }

    /// A paraphrase the answers file holds may be rated: it counts in human accuracy, but not in
    /// kappa, since report.json judges only the original form.
    @Test(.timeLimit(.minutes(1)))
    func aFormOfTheAnswersFileCountsInHumanAccuracyButNotInKappa() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let report = try ReportFixture.report()
        let answers = try fixture.answersFiles(for: report)
        for url in answers {
            let paraphrase = Data("{\"question_id\":\"paclitaxel\",\"form\":\"paraphrase:0\",\"pass\":1}\n".utf8)
            try (Data(contentsOf: url) + paraphrase).write(to: url)
        }
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        _ = try repository.commit(report, answersFiles: answers)
        let ratings = [ReviewRating(questionID: "paclitaxel", form: "original", variant: "Q6_K", rating: .right),
                       ReviewRating(questionID: "paclitaxel", form: "paraphrase:0", variant: "Q6_K", rating: .wrong)]
        let outcome = try importing(ReviewSamples.file(report, ratings), into: repository, report)
        let q6 = try #require(outcome.summary.variants.first)
        #expect(q6.rated == 2 && q6.humanAccuracy.value == 0.5)
        #expect(q6.agreement?.n == 1)
        #expect(outcome.summary.agreement?.n == 1)
        do {
            _ = try importing(ReviewSamples.file(report, [ReviewRating(questionID: "cisplatin", form: "paraphrase:0", variant: "Q6_K", rating: .wrong)]),
                              into: repository, report)
            Issue.record("a form the answers file does not hold for that question was accepted")
        } catch {
            guard case .unknownForm(_, 0, "cisplatin", "Q6_K", "paraphrase:0", ["original"]) = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func aReviewFileOfAnotherShapeIsRefusedNamingTheField() throws {
        let badRating = Data(#"{"format":"quantorch-review/1","model":"m","revision":"r","run_id":"x","ratings":[{"question_id":"q","form":"original","variant":"F16","rating":"maybe"}]}"#.utf8)
        #expect(throws: ReviewError.self) { try ReviewFile.decode(badRating, path: "r.json") }
        do { _ = try ReviewFile.decode(badRating, path: "r.json") } catch {
            #expect(error.description == "review file r.json: ratings[0].rating: expected one of \"right\", \"partly\", \"wrong\"; nothing committed")
        }
        let otherFormat = Data(#"{"format":"quantorch-review/9","model":"m","revision":"r","run_id":"x","ratings":[]}"#.utf8)
        do { _ = try ReviewFile.decode(otherFormat, path: "r.json") } catch {
            #expect(error.description == "review file r.json: format: is \"quantorch-review/9\"; expected \"quantorch-review/1\"; nothing committed")
        }
        let noVariant = Data(#"{"format":"quantorch-review/1","model":"m","revision":"r","run_id":"x","ratings":[{"question_id":"q","form":"original","rating":"right"}]}"#.utf8)
        do { _ = try ReviewFile.decode(noVariant, path: "r.json") } catch {
            #expect(error.description == "review file r.json: ratings[0].variant: missing; nothing committed")
        }
    }

    /// The message a review file's text is refused with, or nil when it is read.
    private func refusal(_ text: String) -> String? {
        do { _ = try ReviewFile.decode(Data(text.utf8), path: "r.json") } catch { return error.description }
        return nil
    }

    @Test func malformedFilesUnknownFieldsAndHugeNotesAreRefusedInTheReadersTerms() {
        let rating = #"{"question_id":"q","form":"original","variant":"F16","rating":"right"#
        let head = #"{"format":"quantorch-review/1","model":"m","revision":"r","run_id":"x","ratings":["#
        #expect(refusal(head + rating + #""}]}"#) == nil)
        #expect(refusal(#"{"format": 1,,}"#) == "review file r.json: the document: not valid JSON (Invalid value around character 13.); nothing committed")
        #expect(refusal("") == "review file r.json: the document: not valid JSON (Unexpected end of file during JSON parse.); nothing committed")
        #expect(refusal(head + rating + #"","score":3}]}"#)
                == "review file r.json: ratings[0].score: unknown field; expected only form, note, question_id, rating, variant; nothing committed")
        #expect(refusal(#"{"format":"quantorch-review/1","model":"m","revison":"r","run_id":"x","ratings":[]}"#)
                == "review file r.json: revison: unknown field; expected only format, model, ratings, revision, run_id; nothing committed")
        #expect(refusal("[1]") == "review file r.json: the document: expected an object; nothing committed")
        #expect(refusal(#"{"format":"quantorch-review/1","model":"m","revision":"r","run_id":"x","ratings":{}}"#)
                == "review file r.json: ratings: expected a list; nothing committed")
        let long = String(repeating: "x", count: ReviewFile.maxNoteCharacters + 1)
        #expect(refusal(head + rating + #"","note":"\#(long)"}]}"#)
                == "review file r.json: ratings[0].note: is 10001 characters; expected at most 10000; nothing committed")
    }

    @Test(.timeLimit(.minutes(1)))
    func compareUsesHumanAccuracyWhenBothRevisionsHaveAReview() throws {
        let (fixture, repository, report) = try committed()
        defer { fixture.remove() }
        let next = RepositoryFixture.retrained(report)
        _ = try repository.commit(next, answersFiles: fixture.answersFiles(for: next))
        _ = try importing(ReviewSamples.file(report), into: repository, report)
        #expect(RevisionComparison(a: report, b: next).variants.allSatisfy { !$0.metrics.contains { $0.metric == "human_accuracy" } })
        let reviewedA = try #require(try repository.newestReport(modelSlug: report.model.slug, revision: report.model.revision))
        #expect(!RevisionComparison.knownMetrics([reviewedA, next]).contains("human_accuracy"))

        let ratingsB = [ReviewRating(questionID: "paclitaxel", form: "original", variant: "Q6_K", rating: .wrong),
                        ReviewRating(questionID: "cisplatin", form: "original", variant: "Q6_K", rating: .wrong)]
        _ = try repository.importReview(ReviewSamples.file(next, ratingsB), path: "b.json", modelSlug: next.model.slug,
                                        revision: next.model.revision, runID: next.runID)
        let reviewedB = try #require(try repository.newestReport(modelSlug: next.model.slug, revision: next.model.revision))
        #expect(RevisionComparison.knownMetrics([reviewedA, reviewedB]).contains("human_accuracy"))
        let comparison = RevisionComparison(a: reviewedA, b: reviewedB, extraMetrics: ["human_accuracy"])
        let q6 = try #require(comparison.variants.first { $0.quantType == "Q6_K" })
        let human = try #require(q6.metrics.first { $0.metric == "human_accuracy" })
        #expect(human.a?.value == 0.5)
        #expect(human.b?.value == 0)
        #expect(q6.metrics.count { $0.metric == "human_accuracy" } == 1)
        #expect(comparison.variants.first { $0.quantType == "F16" }?.metrics.contains { $0.metric == "human_accuracy" } == false)
        let regressions = comparison.regressions([FailOnRule(metric: "human_accuracy", maxDrop: 0.25)])
        #expect(regressions.map(\.quantType) == ["Q6_K"])
        #expect(ComparisonText.render(comparison, regressions: regressions).contains("human_accuracy"))
    }

    private enum Refused: Error { case notRefused }

    /// HEAD, tags, working-tree files and `git status`: what a refused import must not change.
    private func snapshot(_ url: URL) throws -> [String] {
        let files = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String }
            .filter { !$0.hasPrefix(".git") }.sorted() ?? []
        return [try GitCLI.run(["rev-parse", "HEAD"], in: url).stdout, try GitCLI.run(["tag"], in: url).stdout,
                try GitCLI.run(["status", "--porcelain"], in: url).stdout] + files
    }
}
