import Foundation
import Reports
import Testing

/// `quantorch card` on a results repository that `ResultsRepository.commit` wrote: the report
/// fixture at one revision and a newer run of it at another.
@Suite struct CardCommandTests {
    let folder: URL
    let repository: URL
    let older: Report
    let newer: Report

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qo-card-\(UUID().uuidString.prefix(8))")
        repository = folder.appending(path: "results")
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "ReportsTests/Fixtures/report.json")
        older = try Report.decode(Data(contentsOf: fixture))
        var next = older
        next.model.revision = "9b2d71c0e4f8a3b65d1e0c7f2a9b4e8d3c6f1a05"
        next.runID = "20261130T101500Z-0b7e22"
        next.createdAt = "2026-11-30T10:15:00Z"
        next.selection = Selection(quantType: nil, rule: next.selection.rule, why: "no variant is CLOSE and eligible; keep the baseline F16",
                                   closestUnsure: "Q4_K_M")
        newer = next
        let results = try ResultsRepository(openingOrCreatingAt: repository)
        for report in [older, newer] {
            _ = try results.commit(report, answersFiles: try answersFiles(for: report))
        }
    }

    /// One answers file per variant, named as its `answers_file`.
    private func answersFiles(for report: Report) throws -> [URL] {
        let answers = folder.appending(path: "answers-\(report.runID)")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        return try report.variants.map { variant in
            let url = answers.appending(path: Variant.answersFileName(of: variant.quantType))
            try Data("{\"question_id\":\"q\",\"form\":\"original\",\"pass\":1}\n".utf8).write(to: url)
            return url
        }
    }

    private func card(_ arguments: [String]) async throws -> QuantorchBinary.Result {
        try await QuantorchBinary.run(["card"] + arguments + ["--results-repo", repository.path])
    }

    @Test func withoutARevisionTheNewestRevisionsRunIsPrinted() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await card(["HuggingFaceTB/SmolLM2-135M-Instruct"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == CardRenderer.markdown(newer))
        #expect(result.stdout.hasPrefix("**Keep F16: no variant is CLOSE; closest: Q4_K_M (1 key fact lost: cisplatin: 睾丸癌), ~36 more questions would decide**\n"))
        #expect(result.stdout.contains("at revision 9b2d71c0e4f8a3b65d1e0c7f2a9b4e8d3c6f1a05"))
    }

    @Test func aRevisionPrefixSelectsThatRevisionInEachFormat() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = try await card(["huggingfacetb--smollm2-135m-instruct", "4e53"])
        #expect(markdown.exitCode == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("**Ship Q6_K: 49 % smaller than F16, all 4 questions answered as F16 answers them"))
        let svg = try await card(["HuggingFaceTB/SmolLM2-135M-Instruct", "4e53", "--format", "svg"])
        #expect(svg.exitCode == 0, "\(svg.stderr)")
        #expect(svg.stdout == ScorecardSVG.render(older))
        let html = try await card(["HuggingFaceTB/SmolLM2-135M-Instruct", "4e53", "--format", "html"])
        #expect(html.exitCode == 0, "\(html.stderr)")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.stdout.contains("<td class=\"why\">CLOSE (recommended): every criterion"))
    }

    @Test func anUnknownModelRevisionOrFormatExitsTwoWithOneLine() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for (arguments, message) in [
            (["acme/unknown"], "no runs of model acme--unknown; models present: huggingfacetb--smollm2-135m-instruct"),
            (["HuggingFaceTB/SmolLM2-135M-Instruct", "ffff"], "has no revision starting with ffff"),
            (["HuggingFaceTB/SmolLM2-135M-Instruct", "--format", "pdf"], "--format pdf: expected one of md, html, svg"),
        ] {
            let result = try await card(arguments)
            #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("quantorch card: ") && result.stderr.contains(message), "\(result.stderr)")
        }
    }
}
