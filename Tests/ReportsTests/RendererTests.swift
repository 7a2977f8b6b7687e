import Foundation
import Testing
@testable import Reports

@Suite struct RendererTests {
    @Test func markdownMatchesTheGoldenFile() throws {
        let rendered = MarkdownRenderer.render(try ReportFixture.report())
        #expect(rendered == (try ReportFixture.golden("report.md", actual: rendered)))
    }

    @Test func htmlMatchesTheGoldenFile() throws {
        let rendered = HTMLRenderer.render(try ReportFixture.report())
        #expect(rendered == (try ReportFixture.golden("report.html", actual: rendered)))
    }

    @Test func markdownShowsTheTableSelectionReasonsNoiseFloorAndSideBySide() throws {
        let markdown = MarkdownRenderer.render(try ReportFixture.report())
        #expect(markdown.contains("| Quant | Size | bpw | Accuracy (original forms) | Key-fact recall (original forms) | Flips | Facts at risk | Domain KLD | Mean KLD | Same top p | PPL ratio | Median TTFT | Gen tokens/s | Verdict |"))
        #expect(markdown.contains("| Q6_K | 131.9 MiB | 8.23 | 100.0 % [51.0–100.0] |"))
        #expect(markdown.contains("**Selected: Q6_K**"))
        #expect(markdown.contains("- **Q2_K** REJECTED: key-fact recall drop 0.857 [0.714, 1.000] vs margin 0.050: beyond"))
        #expect(markdown.contains("| accuracy_drop | 0.250 | [-0.200, 0.640] | 0.050 | undecided | 4 questions | 20 questions |"))
        #expect(markdown.contains("- ⚠ inverted: the larger Q8_0 is REJECTED"))
        #expect(markdown.contains("Budget: file ≤ 143.1 MiB."))
        #expect(markdown.contains("llama-perplexity window 256 × 5 chunks scores 635 tokens (42 %"))
        // A kept fact the variant no longer ranks first is at risk, with its margin.
        #expect(markdown.contains("| Q4_K_M | ✓ | C47H51NO14, 853.9 g/mol | — | 853.9 g/mol (-0.41 nats) |"))
        #expect(markdown.contains("## Noise floor (parallel mode)"))
        #expect(markdown.contains("| Q4_K_M | ✗ | Cl2H6N2Pt | 睾丸癌 | not probed |"))
        // The baseline has no KLD against itself: shown as a dash, not as 0.
        #expect(markdown.contains("| F16 | 258.5 MiB | 16.12 | 100.0 % [51.0–100.0] | 100.0 % [64.6–100.0] | — | — | — |"))
        #expect(markdown.contains("&lt;script&gt;"))
        #expect(!markdown.contains("<script>"))
    }

    @Test func htmlIsSelfContainedAndEscapesReportText() throws {
        let page = HTMLRenderer.render(try ReportFixture.report())
        // The one script is the review mode's, inline and static; the rest of the page has none.
        #expect(page.components(separatedBy: "<script>\n\(ReviewControls.script)\n</script>").count == 2)
        let html = page.replacingOccurrences(of: ReviewControls.script, with: "")
        #expect(!ReviewControls.script.contains("http"))
        for forbidden in ["http://", "https://", "src=", "<script ", "<link", "@import", "url("] {
            #expect(!html.lowercased().contains(forbidden), "report.html contains \(forbidden)")
        }
        let hrefs = html.components(separatedBy: "href=\"").dropFirst()
        #expect(hrefs.allSatisfy { $0.hasPrefix("#") }, "report.html links outside itself")
        #expect(html.contains("WenQuanYi Micro Hei"))
        #expect(html.contains("<mark class=\"kept\">&lt;script&gt;</mark>alert(&quot;hi&quot;)&lt;/script&gt;"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.contains("Q6_K (selected)"))
        #expect(html.contains("class=\"pareto\""))
        // Kept facts are highlighted where they occur, lost ones listed in red.
        #expect(html.contains("<mark class=\"kept\">C47H51NO14</mark>"))
        #expect(html.contains("<mark class=\"kept\">睾丸癌</mark>"))
        #expect(html.contains("<mark class=\"kept\">&lt;SCRIPT&gt;</mark>"))
        #expect(html.contains("<span class=\"fact lost\">✗ lost: 853.9 g/mol</span>"))
        #expect(html.contains("⚠ at risk: 853.9 g/mol (-0.41 nats)"))
        #expect(html.contains("<span class=\"verdict unsure\">UNSURE</span>: facts at risk"))
    }

    @Test func withoutASelectionBothViewsSayToKeepTheBaseline() throws {
        var report = try ReportFixture.report()
        report.selection = Selection(quantType: nil, rule: "smallest accepted quantized variant", why: "Every quant lost a key fact.",
                                     closestUnsure: "Q4_K_M")
        for index in report.variants.indices where !report.variants[index].isBaseline { report.variants[index].accepted = false }
        try report.validate()
        let markdown = MarkdownRenderer.render(report), html = HTMLRenderer.render(report)
        #expect(markdown.contains("**No variant is CLOSE to the baseline: keep the baseline F16; the closest UNSURE variant is Q4_K_M**"))
        #expect(html.contains("<section class=\"selection none\"><strong>Keep F16: no variant is CLOSE; closest: Q4_K_M (1 key fact lost: cisplatin: 睾丸癌)"))
        #expect(html.contains("<p class=\"why\">No variant is CLOSE to the baseline: keep the baseline F16; the closest UNSURE variant is Q4_K_M (rule: smallest accepted quantized variant). Every quant lost a key fact."))
        #expect(!html.contains("(selected)"))
    }

    @Test func highlighterFindsFactsCaseInsensitivelyAndNumbersByTheirValue() {
        let runs = FactHighlighter.runs(answer: "It weighs 853.9 grams; formula c47h51no14.", foundFacts: ["853.9 g/mol", "C47H51NO14"])
        #expect(runs.filter(\.highlighted).map(\.text) == ["853.9", "c47h51no14"])
        #expect(runs.map(\.text).joined() == "It weighs 853.9 grams; formula c47h51no14.")
    }

    @Test func paretoFrontKeepsOnlyUndominatedVariants() {
        // sizes: F16 258, Q8 138, Q6 132, Q4 100; qualities 1, 1, 1, 0.75 → Q4 then Q6.
        #expect(ParetoFront.indices(sizes: [258, 138, 132, 100], qualities: [1, 1, 1, 0.75]) == [3, 2])
    }

    @Test func missingFiguresShowADash() {
        #expect(FigureFormat.text(nil) == "—")
        #expect(FigureFormat.text(Figure(value: 0.0412, unit: "s")) == "41.2 ms")
        #expect(FigureFormat.text(Figure(value: 0.85, unit: "fraction", n: 20, ci95: [0.64, 0.948])) == "85.0 % [64.0–94.8]")
    }

    @Test func loopingAnswersAreMarkedInBothViews() throws {
        let report = try ReportFixture.report()
        let looping = try #require(report.questions.first { $0.id == "paclitaxel" }?.answers.first { $0.quantType == "Q2_K" })
        #expect(looping.looping && !looping.correct)
        let markdown = MarkdownRenderer.render(report), html = HTMLRenderer.render(report)
        #expect(markdown.contains("| Q2_K | ✗ ⟳ looping |"))
        #expect(markdown.contains("**Q2_K** (wrong, ⟳ looping: repeats itself, never counted correct, 0/2 key facts):"))
        #expect(html.contains("<div class=\"card wrong looping\">"))
        #expect(html.contains("<span class=\"loop\" title=\"repeats itself; never counted correct\">⟳ looping</span>"))
        // Exactly one answer of the fixture loops, so exactly one card carries the marker.
        #expect(html.components(separatedBy: "card wrong looping").count - 1 == 1)
        var plain = report
        for row in plain.questions.indices {
            for answer in plain.questions[row].answers.indices { plain.questions[row].answers[answer].looping = false }
        }
        #expect(!MarkdownRenderer.render(plain).contains("⟳"))
        #expect(!HTMLRenderer.render(plain).contains("⟳"))
    }

    @Test func chatTemplatesAndNotesAreShown() throws {
        let report = try ReportFixture.report()
        let markdown = MarkdownRenderer.render(report), html = HTMLRenderer.render(report)
        #expect(markdown.contains("- Chat templates: F16 gguf fa5b67795175, Q8_0 gguf fa5b67795175"))
        #expect(markdown.contains("Q2_K server default "))
        #expect(markdown.contains("## Notes\n\n- ⚠ Q2_K: its GGUF has no chat template"))
        #expect(html.contains("<section class=\"notes\"><strong>Notes</strong><ul>"))
        #expect(html.contains("<dt>chat templates</dt><dd>F16 gguf fa5b67795175"))
        var none = report
        none.notes = nil
        #expect(!MarkdownRenderer.render(none).contains("## Notes"))
        #expect(!HTMLRenderer.render(none).contains("class=\"notes\""))
    }
}
