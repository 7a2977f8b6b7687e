import Foundation
import Reports
import Testing

/// `quantorch run` end to end on the real SmolLM2-135M checkpoint with the real llama.cpp tools,
/// a real llama-server on 127.0.0.1 and a real results repository.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct RunEndToEndTests {
    struct Summary: Decodable {
        struct Variant: Decodable {
            var quantType: String
            var sizeBytes: Int
            var kldMean: Double?
            enum CodingKeys: String, CodingKey { case quantType = "quant_type", sizeBytes = "size_bytes", kldMean = "kld_mean" }
        }
        var reportPath: String
        var commit: String
        var tag: String
        var modelRevision: String
        var variants: [Variant]
        var cached: Bool
        enum CodingKeys: String, CodingKey {
            case reportPath = "report_path", commit, tag, modelRevision = "model_revision", variants, cached
        }
    }

    @Test(.timeLimit(.minutes(30)))
    func shortLadderReportsCommitsAndComesFromTheCacheTheSecondTime() async throws {
        let fixture = try EndToEndFixture(name: "ladder")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals)

        let first = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(first.exitCode), "stderr: \(first.stderr)")
        let summary = try JSONDecoder().decode(Summary.self, from: Data(first.stdout.utf8))
        #expect(!summary.cached)

        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: summary.reportPath)))
        try report.validate()
        #expect(report.model.revision == summary.modelRevision)
        #expect(report.variants.map(\.quantType) == ["F16", "Q8_0", "Q4_K_M", "Q2_K"])
        // Three questions cannot prove closeness: every variant is UNSURE at best, each criterion
        // carries its interval, and every server check ran.
        #expect(first.exitCode == 3, "stderr: \(first.stderr)")
        for variant in report.variants.dropFirst() {
            let verdict = try #require(variant.verdict, "\(variant.quantType) has no verdict")
            #expect(verdict.status == "UNSURE" || verdict.status == "REJECTED", "\(variant.quantType): \(verdict.summary)")
            let accuracy = try #require(verdict.criteria.first { $0.name == "accuracy_drop" })
            #expect(accuracy.lower <= accuracy.estimate && accuracy.estimate <= accuracy.upper && accuracy.n == 3)
            #expect(verdict.criteria.contains { $0.name == "kld_mean" && $0.unit == "tokens" })
            #expect(verdict.checks.map(\.name) == ["chat_template", "tokenization", "context", "truncation"])
            #expect(!verdict.checks.contains { !$0.passed }, "\(verdict.checks)")
        }
        let q8 = try #require(report.variants.first { $0.quantType == "Q8_0" }?.verdict)
        #expect(q8.criteria.contains { $0.name == "facts_at_risk" }, "the baseline states Paris, Tokyo, Rome: their tokens are probed")
        #expect(report.questions.allSatisfy { question in question.answers.contains { $0.quantType == "Q8_0" && $0.facts.allSatisfy { $0.atRisk != nil } } })
        #expect(report.selection.closestUnsure != nil || report.variants.dropFirst().allSatisfy { $0.verdict?.status == "REJECTED" },
                "with no CLOSE variant the report names the closest UNSURE one")
        #expect(report.notes?.contains { $0.contains("domain KLD not measured") } == true, "three short answers are too few tokens for llama-perplexity")
        #expect(first.stdout.contains("\"status\""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(object["selected"] is NSNull, "CONTRACT: \"selected\" is null when nothing is selected, never left out")
        let kld = summary.variants.dropFirst().map { $0.kldMean ?? -1 }
        #expect(kld[0] < kld[1] && kld[1] < kld[2], "KLD should grow as bits fall: \(kld)")
        let sizes = summary.variants.map(\.sizeBytes)
        #expect(sizes == sizes.sorted(by: >))
        // Token divergence: Q2_K's answers set against F16's on the real servers.
        #expect(report.variants[0].divergence == nil)
        let q2 = try #require(report.variants.first { $0.quantType == "Q2_K" }?.divergence, "every variant's answers are set against the baseline's")
        #expect(q2.compared == report.suite.forms && q2.variantTopKMeasured)
        #expect(!q2.points.isEmpty, "Q2_K of a 135M model words its answers otherwise")
        for point in q2.points {
            let baselineTop = try #require(point.baselineTopK, "\(point)")
            let variantTop = try #require(point.variantTopK, "\(point)")
            #expect(baselineTop.count == 5 && variantTop.count == 5)
            #expect(baselineTop.allSatisfy { $0.probability > 0 && $0.probability <= 1 })
            #expect(zip(variantTop, variantTop.dropFirst()).allSatisfy { $0.probability >= $1.probability })
            #expect(point.baselineToken == nil || point.baselineTokenInVariantTopK != nil)
        }
        let ownFirst = q2.points.filter { $0.baselineToken != nil && $0.baselineTopK?.first?.token == $0.baselineToken }.count
        #expect(ownFirst * 2 >= q2.points.filter { $0.baselineToken != nil }.count, "the baseline mostly ranks its own greedy token first: \(q2.points)")
        let folder = URL(fileURLWithPath: summary.reportPath).deletingLastPathComponent()
        let markdown = try String(contentsOf: folder.appending(path: "report.md"), encoding: .utf8)
        #expect(markdown.contains("## Where answers part from the baseline") && markdown.contains("| Q2_K | \(q2.points.count)/\(q2.compared)"))
        let html = try String(contentsOf: folder.appending(path: "report.html"), encoding: .utf8)
        let originals = q2.points.filter { $0.form == "original" }.count
        #expect(html.components(separatedBy: "<span class=\"diverge\"").count - 1 >= originals)

        let tagType = try git(fixture.results, ["cat-file", "-t", summary.tag])
        #expect(tagType == "tag")
        let head = try git(fixture.results, ["rev-parse", "HEAD"])
        #expect(head == summary.commit)
        let message = try git(fixture.results, ["log", "-1", "--format=%B"])
        #expect(message.contains("SmolLM2-135M-Instruct"))
        #expect(FileManager.default.fileExists(atPath: URL(fileURLWithPath: summary.reportPath).deletingLastPathComponent().appending(path: "report.html").path))

        let second = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect(second.exitCode == first.exitCode, "stderr: \(second.stderr)")
        let again = try JSONDecoder().decode(Summary.self, from: Data(second.stdout.utf8))
        #expect(again.cached, "a second identical run must launch no llama.cpp process")
        #expect(again.commit == summary.commit, "an identical report must not be committed again")

        let strict = recipe.deletingLastPathComponent().appending(path: "strict.yaml")
        try Data((try String(contentsOf: recipe, encoding: .utf8) + "\nacceptance: {kld_mean_max: 0.0001}\n").utf8).write(to: strict)
        let none = try await QuantorchBinary.run(["run", strict.path, "--json"])
        #expect(none.exitCode == 3, "no variant's KLD is below 0.0001, so none may pass: \(none.stderr)")
        let rejected = try JSONDecoder().decode(Summary.self, from: Data(none.stdout.utf8))
        #expect(rejected.cached, "only the thresholds changed, so nothing is recomputed")
        let strictReport = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: rejected.reportPath)))
        #expect(strictReport.selection.quantType == nil)
        #expect(strictReport.selection.why.contains("keep the baseline"))
        #expect(strictReport.variants.dropFirst().allSatisfy { variant in
            !variant.accepted && variant.verdict?.status != "CLOSE" && variant.reasons.contains { $0.contains("generic KLD") && $0.contains("margin 0.0001") }
        })
        #expect(none.stderr.contains("no variant is CLOSE"))
    }

    @Test(.timeLimit(.minutes(5)))
    func badRecipesFailWithExitTwoBeforeAnyWork() async throws {
        let fixture = try EndToEndFixture(name: "bad")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let good = try String(contentsOf: try fixture.recipe(questions: EndToEndFixture.capitals), encoding: .utf8)
        let recipeCases: [(String, String, String)] = [
            ("unknown quant type", good.replacingOccurrences(of: "Q2_K", with: "Q9_Z"), "ladder[3]"),
            ("missing source", good.replacingOccurrences(of: "source: ", with: "source: /nonexistent"), "model.source"),
            ("threshold of the wrong type", good + "\nacceptance: {kld_mean_max: high}\n", "acceptance.kld_mean_max"),
            ("missing suite", good.replacingOccurrences(of: "recipe-suite.yaml", with: "absent.yaml"), "evaluation.suite"),
        ]
        let unjudgeable = fixture.root.appending(path: "unjudgeable-suite.yaml")
        try Data("name: u\nquestions:\n  - id: q1\n    prompt: What?\n".utf8).write(to: unjudgeable)
        let suiteText = try String(contentsOf: fixture.root.appending(path: "recipe-suite.yaml"), encoding: .utf8)
        try Data(suiteText.replacingOccurrences(of: "max_tokens: 24", with: "max_tokens: 2000").utf8)
            .write(to: fixture.root.appending(path: "long-answers-suite.yaml"))
        let aFile = fixture.root.appending(path: "a-file")
        try Data("x".utf8).write(to: aFile)
        let cases = recipeCases + [
            ("a suite that cannot judge any answer", good.replacingOccurrences(of: "recipe-suite.yaml", with: "unjudgeable-suite.yaml"), "key_facts"),
            ("results repository that is a file", good.replacingOccurrences(of: "results: {repo: results}", with: "results: {repo: a-file}"), "results.repo"),
            ("work folder that is a file", good.replacingOccurrences(of: "work: {dir: work}", with: "work: {dir: a-file}"), "work.dir"),
            ("a name that is no tag", good.replacingOccurrences(of: "name: SmolLM2-135M-Instruct", with: "name: /etc/passwd"), "model.name"),
            ("a name too long for a folder", good.replacingOccurrences(of: "name: SmolLM2-135M-Instruct", with: "name: \(String(repeating: "x", count: 300))"), "model.name"),
            ("too few scored tokens for KLD", good.replacingOccurrences(of: "chunks: 4", with: "chunks: 1"), "perplexity.chunks"),
            ("answers longer than the context", good.replacingOccurrences(of: "recipe-suite.yaml", with: "long-answers-suite.yaml"), "sampling.max_tokens"),
        ]
        for (label, text, field) in cases {
            let url = fixture.root.appending(path: "bad.yaml")
            try Data(text.utf8).write(to: url)
            let result = try await QuantorchBinary.run(["run", url.path])
            #expect(result.exitCode == 2, "\(label): \(result.stderr)")
            #expect(result.stderr.contains(field), "\(label): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: fixture.work.path), "\(label): work started")
        }
    }

    private func git(_ repo: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", repo.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
