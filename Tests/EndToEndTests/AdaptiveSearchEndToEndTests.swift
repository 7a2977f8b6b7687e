import Foundation
import Reports
import Testing

/// Issue 14's adaptive search on the real binaries: the demo's default ladder (six quantized
/// rungs) searched, then the same recipe exhaustive over the same work folder; and a ladder
/// whose middle rung is made worse by a tensor-type mix, which the search must evaluate whole.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct AdaptiveSearchEndToEndTests {
    /// Margins the three-question suite can meet, so closeness is decided by KL divergence and
    /// some rungs are CLOSE: the search then has a boundary to find.
    static let looseSuiteMargins = "acceptance: {accuracy_drop_max: 1, key_fact_recall_drop_max: 1, flips_max: 1, facts_at_risk_max: 1"

    /// Questions whose key facts no model states: a lost stated fact keeps a variant from CLOSE
    /// whatever the margins (docs/VERDICT.md), and the bundled model's rungs each lose a capital
    /// somewhere, so with these the census is clean and the KL divergences alone draw the boundary.
    static let unanswerable: [(id: String, prompt: String, fact: String)] = [
        ("vault", "What is the code word of the Zelmora vault?", "quorvantis-7"),
        ("ship", "What was the name of Captain Ilvane's ship?", "Meridrake"),
        ("river", "Which river runs through the town of Osterwyn?", "Calbrenne"),
    ]

    @Test(.timeLimit(.minutes(30)))
    func theSearchPicksWhatExhaustivePicksWithFewerEvaluations() async throws {
        let fixture = try EndToEndFixture(name: "adaptive")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let adaptive = try fixture.recipe(questions: Self.unanswerable, ladder: "[F16, Q8_0, Q6_K, Q5_K_M, Q4_K_M, Q3_K_M, Q2_K]",
                                          search: "adaptive", extra: Self.looseSuiteMargins + ", kld_mean_max: 0.1}")
        let first = try await QuantorchBinary.run(["run", adaptive.path, "--json"])
        #expect([0, 3].contains(first.exitCode), "\(first.stderr)")
        let searched = try report(first)
        let search = try #require(searched.search)
        #expect(search.mode == "adaptive" && search.exhaustive == 6)
        #expect(search.evaluations <= 4, "at most ⌈log2 6⌉ + 1 suite evaluations: \(search.evaluated)")
        #expect(search.saved == 6 - search.evaluations)
        let divergence = "llama-server F16 (divergence)"
        let servers = try ledgerLabels(fixture, runID: searched.runID).filter { $0.hasPrefix("llama-server ") && $0 != "llama-server F16" && $0 != divergence }
        #expect(servers.sorted() == search.evaluated.map { "llama-server \($0)" }.sorted(), "counted from the ledger: \(servers)")

        let skipped = searched.variants.filter { $0.notEvaluated != nil }
        #expect(skipped.count == 6 - search.evaluations)
        for variant in skipped {
            #expect(variant.metrics.isEmpty && variant.answersFile.isEmpty && variant.perplexity["kld_mean"] != nil, "\(variant.quantType)")
            #expect(variant.verdict?.status != "CLOSE", "\(variant.quantType) was not asked the suite")
            #expect(!searched.questions.contains { $0.answers.contains { $0.quantType == variant.quantType } })
        }
        let markdown = try String(contentsOf: URL(fileURLWithPath: try summaryPath(first)).deletingLastPathComponent().appending(path: "report.md"),
                                  encoding: .utf8)
        #expect(markdown.contains("adaptive search: \(search.evaluations) of 6 variants asked the suite"))
        #expect(skipped.allSatisfy { variant in markdown.contains("**\(variant.quantType)**") } && markdown.contains("not evaluated"))
        #expect(first.stderr.contains("search: \(search.evaluations) of 6 rungs asked the suite"), "\(first.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect((json["search"] as? [String: Any])?["saved"] as? Int == search.saved)

        let exhaustive = fixture.root.appending(path: "exhaustive.yaml")
        try String(contentsOf: adaptive, encoding: .utf8).replacingOccurrences(of: "search: adaptive", with: "search: exhaustive")
            .write(to: exhaustive, atomically: true, encoding: .utf8)
        let second = try await QuantorchBinary.run(["run", exhaustive.path, "--json"])
        #expect([0, 3].contains(second.exitCode), "\(second.stderr)")
        let full = try report(second)
        #expect(full.search?.evaluations == 6 && full.variants.allSatisfy { $0.notEvaluated == nil })
        #expect(full.selection.quantType == searched.selection.quantType, "adaptive \(searched.selection.why) / exhaustive \(full.selection.why)")
        #expect(searched.selection.quantType != nil, "loose margins leave a CLOSE rung to find: \(searched.selection.why)")
        let rerun = try ledgerLabels(fixture, runID: full.runID).filter { $0.hasPrefix("llama-server ") }
        #expect(Set(rerun).isDisjoint(with: servers), "the exhaustive run reuses the rungs the search evaluated: \(rerun)")
        #expect(rerun.contains(divergence), "it covers more rungs, so the baseline's side of the divergences is asked again")
        for name in search.evaluated {
            #expect(full.variants.first { $0.quantType == name }?.verdict?.status == searched.variants.first { $0.quantType == name }?.verdict?.status)
        }
    }

    @Test(.timeLimit(.minutes(20)))
    func aMiddleRungMadeWorseIsEvaluatedWithTheRungsBelowIt() async throws {
        let fixture = try EndToEndFixture(name: "inverted")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        // Q8_0 with every attention tensor at q2_K: larger than Q4_K_M, and it diverges more.
        let ladder = "[F16, Q8_0, {name: Q8_0-attn-q2, type: Q8_0, tensor_types: {attn: q2_K}}, Q4_K_M]"
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: ladder, search: "adaptive",
                                        extra: Self.looseSuiteMargins + ", kld_mean_max: 10, domain_kld_mean_max: 10}")
        let result = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(result.exitCode), "\(result.stderr)")
        let report = try report(result)
        let kld = { (name: String) in report.variants.first { $0.quantType == name }?.perplexity["kld_mean"]?.value ?? 0 }
        try #require(kld("Q8_0-attn-q2") > kld("Q4_K_M"), "the mix must diverge more than Q4_K_M for this test to mean anything")
        let evaluated = try #require(report.search?.evaluated)
        #expect(Set(["Q8_0-attn-q2", "Q4_K_M"]).isSubset(of: Set(evaluated)), "the inverted stretch is evaluated whole: \(evaluated)")
    }

    private func summaryPath(_ result: QuantorchBinary.Result) throws -> String {
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(summary?["report_path"] as? String, "\(result.stdout)")
    }

    private func report(_ result: QuantorchBinary.Result) throws -> Report {
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: try summaryPath(result))))
        try report.validate()
        return report
    }

    /// The labels of the llama.cpp processes the run `runID` launched, from its ledger.
    private func ledgerLabels(_ fixture: EndToEndFixture, runID: String) throws -> [String] {
        struct Ledger: Decodable {
            struct Entry: Decodable { var label: String }
            var processes: [Entry]
        }
        let enumerator = FileManager.default.enumerator(at: fixture.work, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "ledger.json", url.deletingLastPathComponent().lastPathComponent == runID {
                return try JSONDecoder().decode(Ledger.self, from: Data(contentsOf: url)).processes.map(\.label)
            }
        }
        Issue.record("no ledger for \(runID) under \(fixture.work.path)")
        return []
    }
}
