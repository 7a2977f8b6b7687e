import Foundation
import MetricKeys
import Testing
@testable import Reports

/// A domain mix in report.json and both views, and its comparison with its stock neighbour.
@Suite struct MixRenderingTests {
    func figure(_ value: Double, _ low: Double, _ high: Double) -> Figure {
        Figure(value: value, unit: "nats", n: 24, ci95: [low, high])
    }

    /// The fixture with kinds, domain KLDs, and a mix of Q4_K_M at 97 MB with a better domain KLD.
    func report(mixKLD: Figure) throws -> (Report, Variant) {
        var report = try ReportFixture.report()
        for index in report.variants.indices { report.variants[index].kind = "quantize" }
        let q4 = try #require(report.variants.firstIndex { $0.quantType == "Q4_K_M" })
        let q3 = try #require(report.variants.firstIndex { $0.quantType == "Q3_K_M" })
        report.variants[q4].perplexity[MetricKey.domainKLDMean.rawValue] = figure(0.042, 0.020, 0.064)
        report.variants[q3].perplexity[MetricKey.domainKLDMean.rawValue] = figure(0.127, 0.087, 0.167)
        var mix = report.variants[q4]
        mix.quantType = "Q4_K_M-domain"
        mix.kind = "domain mix"
        mix.sizeBytes = 97_000_000
        mix.perplexity[MetricKey.domainKLDMean.rawValue] = mixKLD
        mix.mix = DomainMix(base: "Q4_K_M", target: "same as Q4_K_M", targetBytes: 105_454_016, baseBytes: 105_454_016, baseDomainKLD: 0.042,
                            method: "exact multiple-choice knapsack", pairs: [DomainMix.Pair(group: "token_embd", pattern: "^token_embd\\.weight$", type: "q5_K")],
                            predictedBytes: 97_000_000, predictedDomainKLDIncrease: -0.004,
                            options: [DomainMix.Option(group: "token_embd", type: "q5_K", groupTypes: ["q5_1"], deltaBytes: -8_454_016, deltaDomainKLD: -0.004),
                                      DomainMix.Option(group: "attn_v", type: "q6_K", groupTypes: ["q8_0"], deltaBytes: 663_552, deltaDomainKLD: 0.001)])
        report.variants.append(mix)
        return (report, mix)
    }

    @Test func theTargetsStockRungIsTheNeighbourAndOverlappingIntervalsDecideNothing() throws {
        let (report, mix) = try report(mixKLD: figure(0.035, 0.020, 0.049))
        let comparison = try #require(MixComparison.of(mix, among: report.variants, target: "Q4_K_M"))
        #expect(comparison.neighbour == "Q4_K_M" && comparison.domainKLD == "undecided")
        #expect(comparison.suite == "same verdict" && comparison.mixStatus == "UNSURE")
        #expect(comparison.line.hasPrefix("Q4_K_M-domain (92.5 MiB) did not beat Q4_K_M on domain KLD (the intervals overlap): Q4_K_M-domain 0.0350 [0.0200–0.0490] vs Q4_K_M 0.0420 [0.0200–0.0640], and tied it on the suite (both UNSURE)"),
                "\(comparison.line)")
    }

    @Test func withoutATargetRungTheLargestStockRungNoLargerIsTheNeighbour() throws {
        let (report, mix) = try report(mixKLD: figure(0.035, 0.020, 0.049))
        let comparison = try #require(MixComparison.of(mix, among: report.variants, target: nil))
        #expect(comparison.neighbour == "Q3_K_M")
        #expect(comparison.domainKLD == "better" && comparison.suite == "better", "UNSURE beats REJECTED")
        #expect(comparison.line.contains("beat Q3_K_M on domain KLD") && comparison.line.contains("beat it on the suite (UNSURE vs REJECTED)"))
        var tiny = mix
        tiny.sizeBytes = 1_000
        #expect(MixComparison.of(tiny, among: report.variants, target: nil) == nil, "no stock rung is that small")
        #expect(MixComparison.reading(figure(0.2, 0.15, 0.25), figure(0.1, 0.05, 0.12)) == "worse")
        #expect(MixComparison.reading(nil, figure(0.1, 0.05, 0.12)) == "not measured")
    }

    @Test func bothViewsShowTheChoiceTheComparisonAndTheStepsAndJSONRoundTrips() throws {
        var (report, mix) = try report(mixKLD: figure(0.035, 0.020, 0.049))
        let index = report.variants.count - 1
        let comparison = MixComparison.of(mix, among: report.variants, target: "Q4_K_M")
        report.variants[index].mix?.comparison = comparison
        mix = report.variants[index]
        let markdown = MarkdownRenderer.render(report)
        #expect(markdown.contains("## Domain mixes"))
        #expect(markdown.contains("**Q4_K_M-domain**: Q4_K_M with token_embd=q5_K: predicted 92.5 MiB, 92.5 MiB as written, target 100.6 MiB (same as Q4_K_M)"), "\(markdown)")
        #expect(markdown.contains("| token_embd | q5_K | q5_1 | −8.1 MiB | −0.0040 | yes |"), "\(markdown)")
        #expect(markdown.contains("| attn_v | q6_K | q8_0 | +0.6 MiB | +0.0010 |  |"), "\(markdown)")
        #expect(markdown.contains(try #require(mix.mix?.comparison?.line)))
        let html = HTMLRenderer.render(report)
        #expect(html.contains("<h2>Domain mixes</h2>") && html.contains("class=\"mix\"") && html.contains("square: domain mix"))
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(Report.self, from: data).variants[index].mix == mix.mix)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"predicted_domain_kld_increase\"") && text.contains("\"delta_domain_kld\"") && text.contains("\"neighbour_domain_kld\""))
        #expect(!MarkdownRenderer.render(try ReportFixture.report()).contains("Domain mixes"), "a report without mixes has no section")
    }
}
