import Foundation
import Synchronization
import Testing
@testable import Reports

@Suite struct ResultsRepositoryTests {
    @Test(.timeLimit(.minutes(1)))
    func aRunIsCommittedTaggedAndReadableWithTheGitCLI() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let report = try ReportFixture.report()
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        let outcome = try repository.commit(report, answersFiles: fixture.answersFiles(for: report))

        let tag = "huggingfacetb--smollm2-135m-instruct/4e53ad5f7c2b/20261129T093000Z-3fa9c1"
        let folder = "huggingfacetb--smollm2-135m-instruct/4e53ad5f7c2b9f0e3d81a6c4b2e9d0f1a7c3b5e8/20261129T093000Z-3fa9c1"
        #expect(outcome.created)
        #expect(outcome.tag == tag)
        #expect(outcome.reportPath.path == fixture.repositoryURL.appendingPathComponent("\(folder)/report.json").path)
        #expect(try Report.decode(Data(contentsOf: outcome.reportPath)) == report)

        let git = { (arguments: [String]) throws -> GitCLI.Output in try GitCLI.run(arguments, in: fixture.repositoryURL) }
        #expect(try git(["rev-parse", "HEAD"]).stdout == "\(outcome.commit)\n")
        #expect(try git(["symbolic-ref", "HEAD"]).stdout == "refs/heads/main\n")
        let subject = try git(["log", "--format=%s"]).stdout
        #expect(subject == "HuggingFaceTB/SmolLM2-135M-Instruct at 4e53ad5f7c2b9f0e3d81a6c4b2e9d0f1a7c3b5e8: selected Q6_K\n")
        #expect(try git(["cat-file", "-t", tag]).stdout == "tag\n")
        #expect(try git(["tag", "-n1"]).stdout.contains("\(tag) HuggingFaceTB/SmolLM2-135M-Instruct at 4e53ad5f7c2b9f0e3d81a6c4b2e9d0f1a7c3b5e8, run 20261129T093000Z-3fa9c1: selected Q6_K"))
        let files = try git(["ls-tree", "-r", "--name-only", "HEAD"]).stdout.split(separator: "\n").map(String.init)
        #expect(files == ["F16", "Q2_K", "Q3_K_M", "Q4_K_M", "Q6_K", "Q8_0"].map { "\(folder)/answers/\($0).jsonl" }
            + ["card.md", "card.svg", "report.html", "report.json", "report.md"].map { "\(folder)/\($0)" })
        #expect(try git(["show", "HEAD:\(folder)/report.md"]).stdout == MarkdownRenderer.render(report))
        #expect(try git(["show", "HEAD:\(folder)/card.md"]).stdout == CardRenderer.markdown(report))
        #expect(try git(["show", "HEAD:\(folder)/card.svg"]).stdout == ScorecardSVG.render(report))
        let fsck = try git(["fsck", "--strict"])
        #expect(fsck.status == 0, "\(fsck.stderr)")
        #expect(try git(["status", "--porcelain"]).stdout == "")

        let reopened = try ResultsRepository(openingExistingAt: fixture.repositoryURL)
        #expect(try reopened.newestReport(modelSlug: report.model.slug, revision: report.model.revision) == report)
        #expect(try reopened.history(modelSlug: report.model.slug).map(\.tag) == [tag])
    }

    @Test(.timeLimit(.minutes(1)))
    func aTruncatedLooseObjectIsNamedNotLoopedOn() throws {
        // Issue 32: libgit2 1.5 looped forever, ignoring signals, on a cut-short loose object.
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let report = try ReportFixture.report()
        _ = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL).commit(report, answersFiles: fixture.answersFiles(for: report))
        let reportPath = ResultsRepository.runPath(for: report).joined(separator: "/") + "/report.json"
        let id = try GitCLI.run(["rev-parse", "HEAD:\(reportPath)"], in: fixture.repositoryURL).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let object = fixture.repositoryURL.appending(path: ".git/objects/\(id.prefix(2))/\(id.dropFirst(2))")
        let bytes = try Data(contentsOf: object)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
        try bytes.prefix(bytes.count / 2).write(to: object)
        #expect {
            _ = try ResultsRepository(openingExistingAt: fixture.repositoryURL).history(modelSlug: report.model.slug)
        } throws: { error in
            guard case let .damagedObject(_, damagedID, _, problem) = error as? ResultsRepositoryError else { return false }
            return damagedID == id && problem.contains("truncated") && "\(error)".contains("fsck")
        }
        #expect(LooseObjectCheck.problem(ofObjectAt: object) == "its zlib stream ends early (truncated)")
        // Whole again, it reads.
        try bytes.write(to: object)
        #expect(try ResultsRepository(openingExistingAt: fixture.repositoryURL).history(modelSlug: report.model.slug).count == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aDeletedMainWithRunTagsLeftIsRefusedNotRestartedFromNothing() throws {
        // Issue 32: the next run made a new root commit holding only itself, exit 3, no warning.
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let report = try ReportFixture.report()
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        let first = try repository.commit(report, answersFiles: fixture.answersFiles(for: report))
        #expect(try GitCLI.run(["update-ref", "-d", "refs/heads/main"], in: fixture.repositoryURL).status == 0)

        let reopened = try ResultsRepository(openingExistingAt: fixture.repositoryURL)
        let next = RepositoryFixture.retrained(report)
        #expect {
            try reopened.commit(next, answersFiles: fixture.answersFiles(for: next))
        } throws: { error in
            guard case let .branchMissing(_, tags, newest) = error as? ResultsRepositoryError else { return false }
            return tags == 1 && newest == first.tag && "\(error)".contains("git -C \(fixture.repositoryURL.path) branch main \(first.tag)")
        }
        #expect(throws: ResultsRepositoryError.self) { try reopened.history(modelSlug: report.model.slug) }
        #expect(try GitCLI.run(["tag"], in: fixture.repositoryURL).stdout == "\(first.tag)\n", "nothing was written")

        // Restored as the message says, the history is whole again.
        #expect(try GitCLI.run(["branch", "main", first.tag], in: fixture.repositoryURL).status == 0)
        #expect(try reopened.history(modelSlug: report.model.slug).map(\.tag) == [first.tag])
    }

    @Test(.timeLimit(.minutes(1)))
    func anIdenticalReportCommitsNothingAndReturnsTheExistingRun() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let report = try ReportFixture.report()
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        let first = try repository.commit(report, answersFiles: fixture.answersFiles(for: report))
        var again = report
        again.runID = "20261129T120000Z-aaaaaa"
        again.createdAt = "2026-11-29T12:00:00Z"
        again.stageTimings = [StageTiming(stage: "evaluate", seconds: 1.5)]
        let second = try repository.commit(again, answersFiles: fixture.answersFiles(for: again))
        #expect(!second.created)
        #expect(second.commit == first.commit)
        #expect(second.tag == first.tag)
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: fixture.repositoryURL).stdout == "1\n")
        #expect(try GitCLI.run(["tag"], in: fixture.repositoryURL).stdout == "\(first.tag)\n")
        #expect(!FileManager.default.fileExists(atPath: fixture.repositoryURL
            .appendingPathComponent("\(report.model.slug)/\(report.model.revision)/\(again.runID)").path))

        // A real difference (another selection) is a new run.
        var changed = again
        changed.acceptance.kldMeanMax = 0.2
        #expect(try repository.commit(changed, answersFiles: fixture.answersFiles(for: changed)).created)
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: fixture.repositoryURL).stdout == "2\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func aRejectedReportLeavesTheRepositoryUnchanged() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let report = try ReportFixture.report()
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        _ = try repository.commit(report, answersFiles: fixture.answersFiles(for: report))
        let before = try snapshot(fixture.repositoryURL)

        var invalid = RepositoryFixture.retrained(report)
        invalid.selection.quantType = "Q4_K_M"
        invalid.variants[3].accepted = false
        let invalidAnswers = try fixture.answersFiles(for: invalid)
        do {
            _ = try repository.commit(invalid, answersFiles: invalidAnswers)
            Issue.record("an invalid report was committed")
        } catch {
            guard case .invalidReport = error else { Issue.record("unexpected \(error)"); return }
        }
        let valid = RepositoryFixture.retrained(report)
        let missingAnswers = try fixture.answersFiles(for: valid).dropLast()
        do {
            _ = try repository.commit(valid, answersFiles: Array(missingAnswers))
            Issue.record("a run without the Q2_K answers was committed")
        } catch {
            guard case let .answersFile(path, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(path == "answers/Q2_K.jsonl")
        }
        #expect(try snapshot(fixture.repositoryURL) == before)
    }

    @Test(.timeLimit(.minutes(2)))
    func concurrentCommittersAllLand() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let base = try ReportFixture.report()
        _ = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        let writers = 4
        let reports = (0..<writers).map { index -> Report in
            var report = base
            report.runID = "20261129T1000\(String(format: "%02d", index))Z-00000\(index)"
            report.model.revision = "rev-\(index)"
            return report
        }
        let answers = try reports.map { try fixture.answersFiles(for: $0) }
        let outcomes = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        let url = fixture.repositoryURL
        DispatchQueue.concurrentPerform(iterations: writers) { index in
            do {
                let repository = try ResultsRepository(openingOrCreatingAt: url)
                let outcome = try repository.commit(reports[index], answersFiles: answers[index])
                outcomes.withLock { $0.append(outcome.tag) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(outcomes.withLock { $0.sorted() } == reports.map(ResultsRepository.tagName).sorted())
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: url).stdout == "\(writers)\n")
        let tags = try GitCLI.run(["tag"], in: url).stdout.split(separator: "\n").map(String.init)
        #expect(tags == reports.map(ResultsRepository.tagName).sorted())
        #expect(try GitCLI.run(["fsck", "--strict"], in: url).status == 0)
        #expect(try GitCLI.run(["status", "--porcelain"], in: url).stdout == "")
        #expect(try ResultsRepository(openingExistingAt: url).history(modelSlug: base.model.slug).count == writers)
    }

    @Test(.timeLimit(.minutes(1)))
    func historyAndCompareReadTwoRevisions() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let first = try ReportFixture.report()
        let second = RepositoryFixture.retrained(first)
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        _ = try repository.commit(second, answersFiles: fixture.answersFiles(for: second))
        _ = try repository.commit(first, answersFiles: fixture.answersFiles(for: first))

        let history = try repository.history(modelSlug: first.model.slug)
        #expect(history.map(\.revision) == [first.model.revision, second.model.revision])
        #expect(history.map(\.selectedQuantType) == ["Q6_K", "Q8_0"])
        #expect(history[0].selected?.accuracy?.value == 1.0)
        #expect(history[0].baseline?.quantType == "F16")
        let table = HistoryTable.render(history, modelSlug: first.model.slug)
        #expect(table.contains("4e53ad5f7c2b  2026-11-29T09:30:00Z  20261129T093000Z-3fa9c1  Q6_K"))

        #expect(try repository.resolveRevision("4e53", modelSlug: first.model.slug) == first.model.revision)
        #expect(throws: ResultsRepositoryError.self) { try repository.resolveRevision("ffff", modelSlug: first.model.slug) }
        #expect(throws: ResultsRepositoryError.self) { try repository.resolveRevision("4e53", modelSlug: "other-model") }

        let a = try #require(try repository.newestReport(modelSlug: first.model.slug, revision: first.model.revision))
        let b = try #require(try repository.newestReport(modelSlug: first.model.slug, revision: second.model.revision))
        let comparison = RevisionComparison(a: a, b: b)
        let q6 = try #require(comparison.variants.first { $0.quantType == "Q6_K" })
        let accuracy = try #require(q6.metrics.first { $0.metric == "accuracy" })
        #expect(accuracy.delta == -0.25)
        #expect(accuracy.withinNoise == true && accuracy.loadDependent == nil)
        // A speed is shown, marked as the machine's load rather than read as a change.
        let speed = try #require(q6.metrics.first { $0.metric == "gen_tokens_per_s" })
        #expect(speed.loadDependent == true)
        let interval = try #require(accuracy.deltaCI95)
        #expect(interval[0] < -0.25 && interval[1] > 0)
        let cisplatin = try #require(comparison.questions.first { $0.id == "cisplatin" })
        #expect(cisplatin.changes.map(\.quantType) == ["Q6_K", "Q4_K_M"])
        #expect(cisplatin.changes[0].lostFacts == ["睾丸癌"])
        #expect(cisplatin.changes[1].gainedFacts == ["睾丸癌"])
        #expect(comparison.questions.count == 1)

        let regressions = comparison.regressions([FailOnRule(metric: "accuracy", maxDrop: 0.05)])
        #expect(regressions.map(\.quantType) == ["Q6_K"])
        #expect(comparison.regressions([FailOnRule(metric: "accuracy", maxDrop: 0.25)]).isEmpty)
        #expect(comparison.regressions([try FailOnRule.parse("kld_mean:0")]).isEmpty)
        #expect(throws: FailOnRuleError.self) { try FailOnRule.parse("accuracy") }
        #expect(throws: FailOnRuleError.self) { try FailOnRule.parse("accuracy:-1") }
        let text = ComparisonText.render(comparison, regressions: regressions)
        #expect(text.contains("selected: Q6_K → Q8_0"))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("Q6_K") && $0.contains("gen_tokens_per_s") && $0.hasSuffix("machine load") }, "\(text)")
        #expect(text.contains("Q6_K: correct → wrong (lost 睾丸癌)"))
    }

    /// HEAD, tags, working-tree files and `git status`: what must not change.
    private func snapshot(_ url: URL) throws -> [String] {
        let files = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String }
            .filter { !$0.hasPrefix(".git") }.sorted() ?? []
        return [try GitCLI.run(["rev-parse", "HEAD"], in: url).stdout, try GitCLI.run(["tag"], in: url).stdout,
                try GitCLI.run(["status", "--porcelain"], in: url).stdout] + files
    }
}
