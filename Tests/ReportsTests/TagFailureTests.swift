import Foundation
import Testing
@testable import Reports

/// A run whose tag cannot be made must leave `main`, the tags and the working tree as they were.
@Suite struct TagFailureTests {
    @Test(.timeLimit(.minutes(1)))
    func aRefusedTagLeavesNoCommitOnMainAndACleanTree() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let report = try ReportFixture.report()
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        var first = report
        first.runID = "20261129T080000Z-000001"
        let earlier = try repository.commit(first, answersFiles: fixture.answersFiles(for: first))
        let git = { (arguments: [String]) throws -> GitCLI.Output in try GitCLI.run(arguments, in: fixture.repositoryURL) }

        var second = report
        second.runID = "20261129T090000Z-000002"
        second.variants[0].bpw = (second.variants[0].bpw ?? 0) + 0.001
        // A ref below the run tag's name turns that name into a folder, so libgit2 cannot create
        // the tag after the tree and commit are written: the failure this test is about.
        #expect(try git(["update-ref", "refs/tags/\(report.model.slug)/\(report.model.revision.prefix(12))/\(second.runID)/x", earlier.commit]).status == 0)

        #expect {
            try repository.commit(second, answersFiles: fixture.answersFiles(for: second))
        } throws: { error in
            "\(error)".contains("create tag")
        }
        #expect(try git(["rev-parse", "HEAD"]).stdout == "\(earlier.commit)\n", "main moved although the tag failed")
        #expect(try git(["tag", "--list", "*\(second.runID)"]).stdout == "", "a tag of the failed run exists")
        #expect(try git(["status", "--porcelain", "--untracked-files=all"]).stdout == "", "the failed run left files behind")
        #expect(try repository.history(modelSlug: report.model.slug).map(\.tag) == [earlier.tag])
    }

    @Test func tagNamesAreCheckedBeforeAnyWork() throws {
        try ResultsRepository.checkTagName(modelSlug: "acme-assistant", revision: "4e53ad5f7c2b9f0e3d81a6c4b2e9d0f1a7c3b5e8")
        #expect(throws: ResultsRepositoryError.self) {
            try ResultsRepository.checkTagName(modelSlug: "acme", revision: "v1.lock")
        }
    }

    @Test func namesThatDifferOnlyOutsideASCIIGetTheirOwnSlugs() throws {
        // Both once made "z-rich---": the second model reused the first's answers and history.
        let first = try ModelSlug.make("Zürich-模型")
        let second = try ModelSlug.make("Zürich-模形")
        #expect(first != second)
        #expect(first.hasPrefix("z-rich----") && first.count == "z-rich---".count + 9, "\(first)")
        let again = try ModelSlug.make(first)
        #expect(ModelSlug.isWellFormed(first) && again == first, "a slug's slug is itself")
        let ascii = try ModelSlug.make("HuggingFaceTB/SmolLM2-135M-Instruct")
        #expect(ascii == "huggingfacetb--smollm2-135m-instruct", "ASCII names keep their slugs")
    }

    @Test func namesThatGitOrTheFileSystemWouldRefuseAreRefusedAsNames() {
        #expect(throws: ModelSlugError.self) { try ModelSlug.make("/etc/passwd") }
        #expect(throws: ModelSlugError.self) { try ModelSlug.make("-model") }
        #expect(throws: ModelSlugError.self) { try ModelSlug.make("model.lock") }
        #expect(throws: ModelSlugError.self) { try ModelSlug.make("model.") }
        do {
            _ = try ModelSlug.make(String(repeating: "a", count: 300))
            Issue.record("a 300-character name was accepted")
        } catch {
            #expect(error.problem == .tooLong(300))
            #expect(error.description.contains("300 characters"))
        }
        #expect(throws: Never.self) { try ModelSlug.make("HuggingFaceTB/SmolLM2-135M-Instruct") }
        #expect(throws: Never.self) { try ModelSlug.make(String(repeating: "a", count: ModelSlug.maximumLength)) }
    }

    @Test func aBaselineNoteIsInTheJSONAndBothRenderings() throws {
        var report = try ReportFixture.report()
        let note = "baseline is a re-quantization of a Q4_1 source; losses are measured against it, not against the original weights"
        report.model.baselineNote = note
        let json = try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any]
        #expect((json?["model"] as? [String: Any])?["baseline_note"] as? String == note)
        #expect(try Report.decode(report.jsonData()) == report)
        #expect(MarkdownRenderer.render(report).contains("- Note: \(note)"))
        #expect(HTMLRenderer.render(report).contains(note))
        report.model.baselineNote = nil
        #expect(!String(decoding: report.jsonData(), as: UTF8.self).contains("baseline_note"))
    }
}
