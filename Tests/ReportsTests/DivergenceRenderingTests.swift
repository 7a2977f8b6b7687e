import Foundation
import Testing
@testable import Reports

/// Token divergence in report.json, report.md and report.html: the golden fixture has none (an
/// older report) and renders without it; these add it to two variants.
@Suite struct DivergenceRenderingTests {
    static let formulaOffset = "Paclitaxel has the molecular formula C4".utf8.count

    /// Q3_K_M parts from F16 inside the paclitaxel formula; Q8_0 parts in the cisplatin answer
    /// after "顺铂"; an endpoint-like variant has no top k of its own.
    func report() throws -> Report {
        var report = try ReportFixture.report()
        let q3 = try #require(report.variants.firstIndex { $0.quantType == "Q3_K_M" })
        report.variants[q3].divergence = TokenDivergence(compared: 4, variantTopKMeasured: true, points: [
            TokenDivergence.Point(questionID: "paclitaxel", form: "original", position: 9, offset: Self.formulaOffset, baselineToken: "7",
                                  variantToken: "5", fact: "C47H51NO14",
                                  baselineTopK: [.init(token: "7", probability: 0.62), .init(token: "5", probability: 0.21)],
                                  variantTopK: [.init(token: "5", probability: 0.48), .init(token: "7", probability: 0.40)],
                                  baselineTokenInVariantTopK: true,
                                  variantAnswer: "Paclitaxel has the molecular formula C45H49NO13 and a molecular weight of 807.9 g/mol."),
            TokenDivergence.Point(questionID: "cisplatin", form: "original", position: 2, offset: 6, baselineToken: "（", variantToken: "是",
                                  fact: nil, baselineTopK: [.init(token: "（", probability: 0.7)], variantTopK: [.init(token: "是", probability: 0.9)],
                                  baselineTokenInVariantTopK: false, variantAnswer: "顺铂是一种化疗药物，用于治疗多种癌症。"),
            TokenDivergence.Point(questionID: "paclitaxel", form: "paraphrase:1", position: 4, offset: 20, baselineToken: nil,
                                  variantToken: " It", fact: nil, baselineTopK: nil, variantTopK: nil, baselineTokenInVariantTopK: nil,
                                  variantAnswer: "Paclitaxel is a drug. It is used against cancer."),
        ])
        let q8 = try #require(report.variants.firstIndex { $0.quantType == "Q8_0" })
        report.variants[q8].divergence = TokenDivergence(compared: 4, variantTopKMeasured: false, points: [
            TokenDivergence.Point(questionID: "cisplatin", form: "original", position: 2, offset: 6, baselineToken: "（", variantToken: "的",
                                  fact: nil, baselineTopK: [.init(token: "（", probability: 0.7)], variantTopK: nil, baselineTokenInVariantTopK: nil,
                                  variantAnswer: "顺铂的分子式为 Cl2H6N2Pt，主要用于治疗睾丸癌、卵巢癌和膀胱癌。"),
        ])
        return report
    }

    @Test func theFiguresComeFromThePoints() throws {
        let divergence = try #require(try report().variants.first { $0.quantType == "Q3_K_M" }?.divergence)
        #expect(divergence.divergedShare == 0.75)
        #expect(divergence.medianPosition == 4, "positions 9, 2, 4")
        #expect(divergence.inFactShare == 1.0 / 3)
        #expect(divergence.baselineTokenInTopKShare == 0.5, "measured at two points, kept at one")
        var even = divergence
        even.points.removeLast()
        #expect(even.medianPosition == 5.5)
        #expect(TokenDivergence(compared: 3, variantTopKMeasured: true, points: []).medianPosition == nil)
        #expect(TokenDivergence(compared: 0, variantTopKMeasured: true, points: []).divergedShare == nil)
    }

    @Test func reportJSONHoldsThePointsAndTheFiguresAndReadsBack() throws {
        let report = try report()
        let data = report.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let variants = try #require(object["variants"] as? [[String: Any]])
        let q3 = try #require(variants.first { $0["quant_type"] as? String == "Q3_K_M" }?["divergence"] as? [String: Any])
        #expect(q3["diverged_share"] as? Double == 0.75)
        #expect(q3["median_position"] as? Double == 4)
        let point = try #require((q3["points"] as? [[String: Any]])?.first)
        #expect(point["baseline_token_in_variant_top_k"] as? Bool == true)
        #expect((point["variant_top_k"] as? [[String: Any]])?.first?["probability"] as? Double == 0.48)
        #expect(try Report.decode(data) == report)
        #expect(try Report.decode(data).jsonData() == data, "re-encoding is byte for byte")
    }

    @Test func markdownHasTheFiguresAndTheFirstDivergences() throws {
        let markdown = MarkdownRenderer.render(try report())
        #expect(markdown.contains("## Where answers part from the baseline"))
        #expect(markdown.contains("| Q3_K_M | 3/4 (75.0 %) | 4 | 1/3 (33.3 %) | 1/2 (50.0 %) |"), "\(markdown)")
        #expect(markdown.contains("| Q8_0 | 1/4 (25.0 %) | 2 | 0/1 (0.0 %) | not measured |"))
        #expect(markdown.contains("| paclitaxel | original | 9 | “7” → “5” | C47H51NO14 | “7” 62.0 %, “5” 21.0 % | “5” 48.0 %, “7” 40.0 % |"))
        #expect(markdown.contains("| paclitaxel | paraphrase:1 | 4 | (end) → “␣It” | — | — | — |"))
        #expect(markdown.contains("| cisplatin | original | 2 | “（” → “的” | — | “（” 70.0 % | not measured |"))
        #expect(!MarkdownRenderer.render(try ReportFixture.report()).contains("Where answers part"), "an older report has no section")
    }

    @Test func htmlMarksTheDivergenceInTheAnswerWithBothLists() throws {
        let html = HTMLRenderer.render(try report())
        #expect(html.contains("<h2>Where answers part from the baseline</h2>"))
        // The mark goes where both answers stop agreeing, inside the kept-fact runs' text.
        #expect(html.contains("Paclitaxel has the molecular formula C4<span class=\"diverge\" tabindex=\"0\" data-position=\"9\""), "\(html)")
        #expect(html.contains("baseline top k: “7” 62.0 %, “5” 21.0 %"))
        #expect(html.contains("variant top k: “5” 48.0 %, “7” 40.0 %"))
        #expect(html.contains("顺铂<span class=\"diverge\" tabindex=\"0\" data-position=\"2\""))
        #expect(html.contains("variant top k: not measured"))
        #expect(html.contains(".diverge:hover .topk, .diverge:focus .topk { display: block; }"))
        #expect(html.components(separatedBy: "class=\"diverge\"").count - 1 == 7,
                "one mark per divergence in the lists (three of Q3_K_M's, one of Q8_0's) and per original-form one in the side by side (two and one)")
        #expect(html.contains("<summary>Q3_K_M: 3 answers that part from the baseline's</summary>"))
        #expect(html.contains("paclitaxel · paraphrase:1</span> <span class=\"answer\">Paclitaxel is a drug<span class=\"diverge\""), "a paraphrase's mark, in its own answer")
    }

    @Test func aMarkNeverSplitsACharacterOrAKeptFact() {
        let runs = [FactHighlighter.Run(text: "顺铂的", highlighted: false), FactHighlighter.Run(text: "Cl2H6N2Pt", highlighted: true)]
        #expect(DivergenceText.render(runs, mark: "|", atByte: 4) == "顺铂|的<mark class=\"kept\">Cl2H6N2Pt</mark>", "byte 4 is inside 铂: moved to the next character")
        #expect(DivergenceText.render(runs, mark: "|", atByte: 12) == "顺铂的<mark class=\"kept\">Cl2|H6N2Pt</mark>")
        #expect(DivergenceText.render(runs, mark: "|", atByte: 99) == "顺铂的<mark class=\"kept\">Cl2H6N2Pt</mark>|", "past the end: at the end")
        #expect(DivergenceText.render(runs, mark: "|", atByte: 0).hasPrefix("|顺"))
    }
}
