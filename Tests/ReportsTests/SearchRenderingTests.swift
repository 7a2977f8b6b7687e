import Foundation
import Testing
@testable import Reports

/// A report of an adaptive search: the rungs it did not ask the suite keep their KLD figures,
/// say so in every view, need no answers file, and the search's counts are shown.
@Suite struct SearchRenderingTests {
    /// The fixture as an adaptive search would leave it: Q2_K screened out on its KLD, Q3_K_M
    /// never asked, the rest asked.
    static func searched() throws -> Report {
        var report = try ReportFixture.report()
        for index in report.variants.indices where ["Q3_K_M", "Q2_K"].contains(report.variants[index].quantType) {
            let name = report.variants[index].quantType
            report.variants[index].metrics = [:]
            report.variants[index].efficiency = [:]
            report.variants[index].answersFile = ""
            report.variants[index].notEvaluated = name == "Q2_K"
                ? "its KL divergence alone rejects it, whatever the suite would show"
                : "the larger Q4_K_M is not CLOSE and the KL divergences grow as the size shrinks, so this smaller rung is taken as not CLOSE either"
        }
        for index in report.questions.indices {
            report.questions[index].answers.removeAll { ["Q3_K_M", "Q2_K"].contains($0.quantType) }
        }
        report.search = SearchInfo(mode: "adaptive", evaluated: ["Q6_K", "Q4_K_M", "Q8_0"], exhaustive: 5)
        return report
    }

    @Test func everyViewSaysWhichRungsWereNotEvaluatedAndWhatWasSaved() throws {
        let report = try Self.searched()
        try report.validate()
        let markdown = MarkdownRenderer.render(report)
        #expect(markdown.contains("Search: adaptive search: 3 of 5 variants asked the suite (Q6_K, Q4_K_M, Q8_0), 2 saved against an exhaustive run; the other 2 are judged on their KL divergences alone (not evaluated)."))
        #expect(markdown.contains("not evaluated: the larger Q4_K_M is not CLOSE"))
        #expect(markdown.contains("REJECTED (not evaluated)"))
        let html = HTMLRenderer.render(report)
        #expect(html.contains("2 saved against an exhaustive run") && html.contains("not evaluated: its KL divergence alone rejects it"))
        #expect(CardRenderer.markdown(report).contains("not evaluated"))
        #expect(ScorecardSVG.render(report).contains("not evaluated"))
        let json = String(decoding: report.jsonData(), as: UTF8.self)
        #expect(json.contains("\"evaluations\" : 3") && json.contains("\"saved\" : 2") && json.contains("\"not_evaluated\""))
        #expect(try Report.decode(report.jsonData()) == report)
    }

    @Test func aVariantWithMetricsCannotClaimItWasNotEvaluated() throws {
        var report = try ReportFixture.report()
        report.variants[1].notEvaluated = "screened"
        #expect(throws: ReportValidationError.self) { try report.validate() }
    }

    @Test(.timeLimit(.minutes(1)))
    func theRepositoryCommitsASearchedRunWithoutAnswersForTheRungsNotAsked() throws {
        let report = try Self.searched()
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        let files = try fixture.answersFiles(for: Report(schemaVersion: report.schemaVersion, runID: report.runID, createdAt: report.createdAt,
                                                         model: report.model, toolchain: report.toolchain, suite: report.suite,
                                                         settings: report.settings, acceptance: report.acceptance, noiseFloor: report.noiseFloor,
                                                         variants: report.variants.filter { $0.notEvaluated == nil }, questions: report.questions,
                                                         selection: report.selection, stageTimings: report.stageTimings))
        let outcome = try repository.commit(report, answersFiles: files)
        #expect(outcome.created)
        let answers = try FileManager.default.contentsOfDirectory(atPath: outcome.reportPath.deletingLastPathComponent().appending(path: "answers").path)
        #expect(!answers.contains("Q2_K.jsonl") && answers.contains("Q8_0.jsonl"))
    }
}
