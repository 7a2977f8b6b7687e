import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

@Suite struct CardRendererTests {
    @Test func cardMarkdownMatchesTheGoldenFile() throws {
        let rendered = CardRenderer.markdown(try ReportFixture.report())
        #expect(rendered == (try ReportFixture.golden("card.md", actual: rendered)))
    }

    @Test func scorecardMatchesTheGoldenFile() throws {
        let rendered = ScorecardSVG.render(try ReportFixture.report())
        #expect(rendered == (try ReportFixture.golden("card.svg", actual: rendered)))
    }

    @Test func theHeadlineNamesThePickItsSavingItsEvidenceAndTheQuestions() throws {
        let report = try ReportFixture.report()
        // Q6_K's verdict has no domain KLD, so the generic KLD is the evidence; 138317536 / 271066400 = 51 %.
        #expect(Headline.sentence(report)
            == "Ship Q6_K: 49 % smaller than F16, all 4 questions answered as F16 answers them, every key fact kept, generic KLD 0.0049 [0.0045–0.0053]")
        var domain = report
        let q6 = try #require(domain.variants.firstIndex { $0.quantType == "Q6_K" })
        domain.variants[q6].verdict?.criteria.append(CriterionInfo(
            name: "domain_kld_mean", estimate: 0.0213, lower: 0.0171, upper: 0.0255, margin: 0.05, reading: "within", n: 4,
            unit: "questions", method: "mean ± 1.96 × llama-perplexity's ±", pValue: nil, moreToDecide: nil, line: "domain KLD"))
        #expect(Headline.sentence(domain).hasSuffix("every key fact kept, domain KLD 0.0213 [0.0171–0.0255]"))
        // A report written before the census says CLOSE in its place.
        domain.variants[q6].verdict?.census = nil
        #expect(Headline.sentence(domain) == "Ship Q6_K: 49 % smaller than F16, CLOSE on every criterion, domain KLD 0.0213 [0.0171–0.0255]")
    }

    @Test func withoutASelectionTheHeadlineSaysToKeepTheBaselineAndWhy() throws {
        var report = try ReportFixture.report()
        report.selection = Selection(quantType: nil, rule: "smallest CLOSE", why: "no variant is CLOSE and eligible; keep the baseline F16",
                                     closestUnsure: "Q4_K_M")
        #expect(Headline.sentence(report) == "Keep F16: no variant is CLOSE; closest: Q4_K_M (1 key fact lost: cisplatin: 睾丸癌), ~36 more questions would decide")
        #expect(MarkdownRenderer.render(report).hasPrefix("**Keep F16: no variant is CLOSE; closest: Q4_K_M (1 key fact lost: cisplatin: 睾丸癌), ~36 more questions would decide**\n\n```\n"))
        let card = CardRenderer.markdown(report)
        #expect(card.contains("| baseline (recommended) |"))
        #expect(card.contains("Recommended file: smollm2-135m-instruct-F16.gguf (the baseline F16, 258.5 MiB, sha256 "))
        #expect(!card.contains("CLOSE (recommended)"))
        #expect(!ScorecardSVG.render(report).contains("· the pick"))

        // CLOSE variants that the budget keeps out: the headline gives the report's reason.
        var budget = report
        budget.selection.closestUnsure = nil
        for index in budget.variants.indices where budget.variants[index].quantType == "Q8_0" || budget.variants[index].quantType == "Q6_K" {
            budget.variants[index].reasons.append("not eligible: size 138.3 MB is over max_size 100.0 MB")
        }
        #expect(Headline.sentence(budget) == "Keep F16: no CLOSE variant can be shipped: Q8_0 not eligible: size 138.3 MB is over max_size 100.0 MB; Q6_K not eligible: size 138.3 MB is over max_size 100.0 MB")

        // Nothing CLOSE, nothing UNSURE eligible: the statuses are counted.
        var rejected = report
        rejected.selection.closestUnsure = nil
        for index in rejected.variants.indices where !rejected.variants[index].isBaseline { rejected.variants[index].verdict?.status = "REJECTED" }
        #expect(Headline.sentence(rejected) == "Keep F16: no variant is CLOSE (5 REJECTED)")
    }

    @Test func reportMarkdownOpensWithTheHeadlineThenOneLinePerVariant() throws {
        let report = try ReportFixture.report()
        let lines = MarkdownRenderer.render(report).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "**\(Headline.sentence(report))**")
        #expect(Array(lines[2...8]) == [
            "```",
            "Q8_0    CLOSE     domain KLD 0.0011 [0.0009–0.0013]",
            "Q6_K    CLOSE     all 4 questions as F16, every key fact kept, generic KLD 0.0049 [0.0045–0.0053]",
            "Q4_K_M  UNSURE    1 of 4 questions changed, 1 key fact lost (cisplatin: 睾丸癌), 1 fact at risk",
            "Q3_K_M  REJECTED  key-fact recall drop 0.714 [0.500–0.929] past 0.050",
            "Q2_K    REJECTED  key-fact recall drop 0.857 [0.714–1.000] past 0.050, generic KLD 0.4020 [0.3900–0.4140] past 0.10",
            "```",
        ], "\(lines.prefix(10))")
        #expect(lines[10] == "# Quantization report: HuggingFaceTB/SmolLM2-135M-Instruct")
    }

    @Test func theCardTableHasEveryVariantWithItsIntervalsVerdictAndTheFileToShip() throws {
        let card = CardRenderer.markdown(try ReportFixture.report())
        #expect(card.contains("HuggingFaceTB/SmolLM2-135M-Instruct at revision 4e53ad5f7c2b9f0e3d81a6c4b2e9d0f1a7c3b5e8, suite pharma-and-company (4 questions, 12 prompts per variant), llama.cpp build 11434"))
        #expect(card.contains("| File | Variant | Size | bpw | Domain KLD (nats) | Generic KLD (nats) | Accuracy (original forms) | Key-fact recall (original forms) | Verdict |"))
        // Q8_0's domain KLD has no figure but a verdict criterion: its interval is shown.
        #expect(card.contains("| smollm2-135m-instruct-Q8_0.gguf | Q8_0 | 138.1 MiB | 8.61 | 0.0011 [0.0009–0.0013] |"))
        #expect(card.contains("| smollm2-135m-instruct-Q6_K.gguf | Q6_K | 131.9 MiB | 8.23 | — | 0.0049 [0.0045–0.0053] | 100.0 % [51.0–100.0] | 100.0 % [64.6–100.0] | CLOSE (recommended): every criterion's interval is inside its margin"))
        #expect(card.contains("| REJECTED: key-fact recall drop 0.857 [0.714, 1.000] vs margin 0.050: beyond; generic KLD 0.4020 [0.3900, 0.4140] vs margin 0.1000: beyond"))
        #expect(card.contains("Recommended file: smollm2-135m-instruct-Q6_K.gguf (Q6_K, 131.9 MiB, sha256 "))
        let rows = card.split(separator: "\n").filter { $0.hasPrefix("| smollm2") }
        #expect(rows.count == 6)
        #expect(!card.lowercased().contains("very low quality"))
    }

    @Test func theScorecardIsWellFormedSelfContainedSVG() throws {
        let svg = ScorecardSVG.render(try ReportFixture.report())
        let delegate = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        #expect(parser.parse(), "card.svg is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(delegate.root == "svg")
        #expect(delegate.namespace == "http://www.w3.org/2000/svg")
        // Six dots in the chart with six in the rows and four in the legend, one ring for the pick.
        #expect(delegate.counts["circle"] == 6 + 6 + 5 + 1)
        for forbidden in ["<script", "href", "url(", "@import", "<foreignobject", "onload"] {
            #expect(!svg.lowercased().contains(forbidden), "card.svg contains \(forbidden)")
        }
        #expect(svg.components(separatedBy: "http").count - 1 == 1, "the only URL is the SVG namespace")
        #expect(svg.contains("WenQuanYi Micro Hei"))
        #expect(svg.contains(">Ship Q6_K: 49 % smaller than F16, all 4 questions answered as F16 answers them, every key"))
        #expect(svg.contains(">CLOSE · the pick</text>"))
        #expect(svg.contains(">Q6_K (selected)</text>"))
        for status in ["UNSURE", "REJECTED", "baseline"] { #expect(svg.contains(">\(status)</text>")) }
    }

    @Test func longTextIsWrappedAndCutToItsWidth() {
        let lines = SVGText.wrap("Ship Q4_K_M: 61 % smaller than F16, CLOSE on every criterion", fontSize: 10, maxWidth: 120)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { SVGText.width($0, fontSize: 10) <= 120 })
        #expect(lines.joined(separator: " ") == "Ship Q4_K_M: 61 % smaller than F16, CLOSE on every criterion")
        // CJK text has no spaces: it breaks between characters, each twice as wide as a Latin one.
        let chinese = SVGText.wrap("顺铂的分子式为用于治疗睾丸癌", fontSize: 10, maxWidth: 50)
        #expect(chinese == ["顺铂的分子", "式为用于治", "疗睾丸癌"])
        let cut = SVGText.truncate("facts at risk 0.143 [0.026, 0.513] vs margin 0.050: undecided", fontSize: 10, maxWidth: 100)
        #expect(cut.hasSuffix("…"))
        #expect(SVGText.width(cut, fontSize: 10) <= 100)
        #expect(SVGText.truncate("short", fontSize: 10, maxWidth: 100) == "short")
    }
}

/// Counts elements and records the root's name and namespace.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var root: String?
    var namespace: String?
    var counts: [String: Int] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil {
            root = elementName
            namespace = attributes["xmlns"]
        }
        counts[elementName, default: 0] += 1
    }
}
