import Foundation
import Testing
@testable import Reports

/// The tensor types each GGUF holds, in both views: the golden fixture has none (an older
/// report) and keeps rendering without the section; these add them.
@Suite struct TypeMixRenderingTests {
    /// The fixture with the Q4_K_M SmolLM2-135M gets from llama-quantize (build 11434), bytes
    /// as its tensor table gives them, and an F16 that is what it says.
    func report() throws -> Report {
        var report = try ReportFixture.report()
        let q4 = try #require(report.variants.firstIndex { $0.quantType == "Q4_K_M" })
        report.variants[q4].typeMix = [TensorTypeShare(type: "q5_0", tensors: 166, bytes: 52_531_200),
                                       TensorTypeShare(type: "q8_0", tensors: 15, bytes: 31_580_928),
                                       TensorTypeShare(type: "q4_K", tensors: 16, bytes: 7_962_624),
                                       TensorTypeShare(type: "q6_K", tensors: 14, bytes: 8_128_512),
                                       TensorTypeShare(type: "f32", tensors: 61, bytes: 140_544)]
        report.variants[q4].fallbacks = [FallbackGroup(wanted: "q4_K", used: "q5_0", tensors: 166, reason: "576 columns not divisible by 256"),
                                         FallbackGroup(wanted: "q6_K", used: "q8_0", tensors: 14, reason: "576 columns not divisible by 256")]
        let f16 = try #require(report.variants.firstIndex { $0.quantType == "F16" })
        report.variants[f16].typeMix = [TensorTypeShare(type: "f16", tensors: 211, bytes: 269_000_000),
                                        TensorTypeShare(type: "f32", tensors: 61, bytes: 140_544)]
        return report
    }

    @Test func markdownStatesTheMixTheFallbacksAndAMisnamedVariant() throws {
        let markdown = MarkdownRenderer.render(try report())
        #expect(markdown.contains("""
            ## Tensor types

            - F16: 211 × f16, 61 × f32
            - Q4_K_M: 166 × q5_0, 15 × q8_0, 14 × q6_K, 16 × q4_K, 61 × f32 — fell back (576 columns not divisible by 256): 166 × q4_K → q5_0, 14 × q6_K → q8_0 — ⚠ most bytes (52 %) are q5_0, not a 4-bit type as Q4_K_M names

            """), "\(markdown)")
        // Variants without a mix (an endpoint, an older report's) get no line.
        #expect(!markdown.contains("- Q8_0:"))
    }

    @Test func theVerdictLineOfAVariantThatFellBackSaysSo() throws {
        let report = try report()
        let markdown = MarkdownRenderer.render(report)
        let line = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("- **Q4_K_M**") }, "\(markdown)")
        #expect(line.hasSuffix(" — tensor types: fell back (576 columns not divisible by 256): 166 × q4_K → q5_0, 14 × q6_K → q8_0; most bytes (52 %) are q5_0, not a 4-bit type as Q4_K_M names"), "\(line)")
        #expect(!markdown.contains("- **F16** (baseline): baseline: the reference every variant is measured against, never selected — "),
                "a variant that is what it says gets no caveat")
        let html = HTMLRenderer.render(report)
        #expect(html.contains("UNSURE</span>: facts at risk 0.143 [0.026, 0.513] vs margin 0.050: undecided (~36 more questions at these rates would decide) — tensor types: fell back (576 columns not divisible by 256): 166 × q4_K → q5_0"))
    }

    @Test func htmlStatesTheSameAndFlagsTheMisnamedVariant() throws {
        let html = HTMLRenderer.render(try report())
        #expect(html.contains("<h2>Tensor types</h2>\n<ul>\n<li>F16: 211 × f16, 61 × f32</li>\n<li>Q4_K_M: 166 × q5_0"))
        #expect(html.contains("14 × q6_K → q8_0 <strong>⚠ most bytes (52 %) are q5_0, not a 4-bit type as Q4_K_M names</strong></li>"))
    }

    @Test func theNewFieldsRoundTripAndOlderReportsDecodeWithout() throws {
        let report = try report()
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(Report.self, from: data) == report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let variants = try #require(object["variants"] as? [[String: Any]])
        let q4 = try #require(variants.first { $0["quant_type"] as? String == "Q4_K_M" })
        #expect((q4["type_mix"] as? [[String: Any]])?.first?["type"] as? String == "q5_0")
        #expect((q4["fallbacks"] as? [[String: Any]])?.first?["tensors"] as? Int == 166)
        #expect(variants.first { $0["quant_type"] as? String == "Q8_0" }?.keys.contains("type_mix") == false, "absent, not null")
        #expect(try ReportFixture.report().variants.allSatisfy { $0.typeMix == nil && $0.fallbacks == nil })
    }

    @Test func aVariantThatHoldsWhatItsNameSaysIsNotFlagged() throws {
        var variant = try report().variants[0]
        #expect(TypeMixText.mismatch(variant) == nil)
        variant.fileType = "Q8_0"
        variant.typeMix = [TensorTypeShare(type: "q8_0", tensors: 211, bytes: 140_000_000), TensorTypeShare(type: "f32", tensors: 61, bytes: 140_544)]
        #expect(TypeMixText.mismatch(variant) == nil)
        variant.typeMix = [TensorTypeShare(type: "f16", tensors: 211, bytes: 140_000_000)]
        #expect(TypeMixText.mismatch(variant) == "most bytes (100 %) are f16, not an 8-bit type as Q8_0 names")
    }
}
