import Foundation
import MetricKeys
import Testing
@testable import Reports

/// Figures are stored by String and read by ``MetricKey``: typed reads must find what the
/// String storage holds, and keys no ``MetricKey`` names must survive a round trip.
@Suite struct FigureLookupTests {
    @Test func typedLookupsReadEverySection() throws {
        let variant = try #require(try ReportFixture.report().variants.last)
        #expect(variant.figure(.accuracy) == variant.metrics["accuracy"] && variant.figure(.accuracy) != nil)
        #expect(variant.figure(.kldMean) == variant.perplexity["kld_mean"] && variant.figure(.kldMean) != nil)
        #expect(variant.figure(.genTokensPerS) == variant.efficiency["gen_tokens_per_s"] && variant.figure(.genTokensPerS) != nil)
    }

    @Test func aReportWithKeysNoMetricKeyNamesStillDecodesAndKeepsThem() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: ReportFixture.report().jsonData()) as? [String: Any])
        let unknown: [String: Any] = ["value": 0.25, "unit": "fraction", "n": 4]
        object["variants"] = (object["variants"] as? [[String: Any]])?.map { variant in
            var variant = variant
            variant["metrics"] = (variant["metrics"] as? [String: Any] ?? [:]).merging(["retired_metric": unknown]) { $1 }
            variant["efficiency"] = (variant["efficiency"] as? [String: Any] ?? [:]).merging(["future_metric": unknown]) { $1 }
            return variant
        }
        let report = try Report.decode(JSONSerialization.data(withJSONObject: object))
        try report.validate()
        #expect(report.variants.allSatisfy { $0.figure("retired_metric")?.value == 0.25 && $0.efficiency["future_metric"]?.n == 4 })
        #expect(try Report.decode(report.jsonData()) == report)
        #expect(String(decoding: report.jsonData(), as: UTF8.self).contains("\"future_metric\" : {"))
    }
}
