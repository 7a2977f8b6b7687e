import Foundation
import LlamaTools
import Reports
import Testing

/// Issue 11's faults, on the real binaries: what used to fail after quantizing (or pass when it
/// should not) is refused or said at plan time.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs the bootstrap"))
struct PlanRefusalEndToEndTests {
    @Test(.timeLimit(.minutes(10)))
    func aTooShortCorpusExitsTwoAfterConversionButBeforeAnyQuantization() async throws {
        let fixture = try EndToEndFixture(name: "short-corpus")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let corpus = fixture.root.appending(path: "short.txt")
        try Data("A corpus of one short line.\n".utf8).write(to: corpus)
        let manifest = try #require(EndToEndFixture.manifest)
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals)
        let text = try String(contentsOf: recipe, encoding: .utf8).replacingOccurrences(of: "corpus: \(manifest.corpus)", with: "corpus: \(corpus.path)")
        try Data(text.utf8).write(to: recipe)
        // A question that can count in no accuracy is warned in the plan (issue 32), before any work.
        let suite = recipe.deletingLastPathComponent().appending(path: "recipe-suite.yaml")
        try Data((try String(contentsOf: suite, encoding: .utf8) + "\n  - id: uncounted\n    prompt: \"Say something.\"\n").utf8).write(to: suite)

        let result = try await QuantorchBinary.run(["run", recipe.path])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("warning: \(suite.path): uncounted.key_facts: neither key facts nor a reference"), "\(result.stderr)")
        #expect(result.stderr.contains("field 'perplexity.corpus': \(corpus.path) tokenizes to "), "\(result.stderr)")
        #expect(result.stderr.contains("ctx 128 × 4 chunks needs 512"), "\(result.stderr)")
        let variants = (FileManager.default.enumerator(at: fixture.work, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { $0.path.contains("/variants/") }
        #expect(variants.isEmpty, "llama-quantize ran before the corpus was checked: \(variants)")
    }

    @Test(.timeLimit(.minutes(30)))
    func aQuantizedSourceWithAWrongOrderLadderIsDisclosedWarnedAndNeverSelectsTheLargerType() async throws {
        let fixture = try EndToEndFixture(name: "requantized")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let manifest = try #require(EndToEndFixture.manifest)
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[Q8_0, F16, Q2_K]",
                                        extra: "allow_upcast: true\nacceptance: {accuracy_drop_max: 1, key_fact_recall_drop_max: 1, flips_max: 1, facts_at_risk_max: 1, domain_kld_mean_max: 100, kld_mean_max: 100}")
        let text = try String(contentsOf: recipe, encoding: .utf8).replacingOccurrences(of: "source: \(manifest.smollm2Hf)", with: "source: \(manifest.smollm2Gguf)")
        try Data(text.utf8).write(to: recipe)

        let result = try await QuantorchBinary.run(["run", recipe.path])
        #expect([0, 3].contains(result.exitCode), "\(result.stderr)")
        let note = "baseline is a re-quantization of a Q4_1 source; losses are measured against it, not against the original weights"
        #expect(result.stderr.contains("mode; \(note)"), "the plan line must say so: \(result.stderr)")
        #expect(result.stderr.contains("warning: ladder[1] F16"), "\(result.stderr)")
        let reportPath = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("report: ") }).dropFirst("report: ".count)
        let report = try Report.decode(Data(contentsOf: URL(fileURLWithPath: String(reportPath))))
        #expect(report.model.baselineNote == note)
        // Every margin is open, so Q2_K is selected unless the census alone keeps it from CLOSE
        // (a lost stated fact or a new loop, which no margin opens); F16 never is.
        let q2 = try #require(report.variants.first { $0.quantType == "Q2_K" }?.verdict)
        let censusBlocks = q2.census.map { !$0.factsLost.isEmpty || !$0.newLoops.isEmpty } ?? false
        #expect(report.selection.quantType == (censusBlocks ? nil : "Q2_K"), "\(q2.summary)")
        let f16 = try #require(report.variants.first { $0.quantType == "F16" })
        #expect(!f16.accepted && f16.verdict?.status == "CLOSE", "CLOSE on every open margin, yet not eligible")
        #expect(f16.reasons.contains { $0.contains("not smaller than the baseline Q8_0") }, "\(f16.reasons)")
        let markdown = try String(contentsOf: URL(fileURLWithPath: String(reportPath)).deletingLastPathComponent().appending(path: "report.md"), encoding: .utf8)
        #expect(markdown.contains(note))
        // The headline opens the terminal's last block and report.md; the card and scorecard lie beside the report.
        #expect(result.stdout.contains("\n" + Headline.sentence(report) + "\n"), "\(result.stdout)")
        #expect(markdown.hasPrefix("**\(Headline.sentence(report))**\n"))
        let folder = URL(fileURLWithPath: String(reportPath)).deletingLastPathComponent()
        #expect(try String(contentsOf: folder.appending(path: "card.md"), encoding: .utf8) == CardRenderer.markdown(report))
        #expect(try String(contentsOf: folder.appending(path: "card.svg"), encoding: .utf8) == ScorecardSVG.render(report))
    }
}
