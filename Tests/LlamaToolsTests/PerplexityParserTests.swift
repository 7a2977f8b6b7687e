import Foundation
import Testing
@testable import LlamaTools

/// The parsers on outputs captured from llama-perplexity (build 11434, SmolLM2-135M requantized
/// from the shipped Q4_1, corpus: the Python 3.11 tutorial sources; see Fixtures/).
@Suite struct PerplexityParserTests {
    @Test func perplexityRun() throws {
        let result = try Perplexity.parsePerplexity(try fixture("perplexity-q8_0.txt"))
        #expect(result == PerplexityResult(ppl: 15.7063, pplError: 1.81694, scoredTokens: 4 * 127, chunks: 4))
    }

    @Test func kldBaseRunReportsTheBaselinePerplexity() throws {
        let result = try Perplexity.parsePerplexity(try fixture("kld-base-q8_0.txt"))
        #expect(result.ppl == 15.7063)
        #expect(result.chunks == 4)
    }

    @Test func everyKLDStatisticExactlyAsPrinted() throws {
        let result = try Perplexity.parseKLD(try fixture("kld-q2_k-vs-q8_0.txt"))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Double]
        let expected: [String: Double] = [
            "ppl_q": 23.495489, "ppl_q_error": 2.663405, "ppl_base": 15.706379, "ppl_base_error": 1.816942,
            "ln_ppl_correlation_percent": 91.11, "ln_ppl_ratio": 0.402742, "ln_ppl_ratio_error": 0.048350,
            "ppl_ratio": 1.495920, "ppl_ratio_error": 0.072328, "ppl_difference": 7.789111, "ppl_difference_error": 1.255871,
            "kld_mean": 0.481188, "kld_mean_error": 0.017591, "kld_max": 2.921166, "kld_99_9": 2.632681,
            "kld_99": 2.051251, "kld_95": 1.214111, "kld_90": 0.955251, "kld_median": 0.382816, "kld_10": 0.117722,
            "kld_5": 0.063084, "kld_1": 0.016328, "kld_0_1": 0.006379, "kld_min": 0.006011,
            "delta_p_mean_percent": -8.319, "delta_p_mean_error_percent": 0.771, "delta_p_max_percent": 57.860,
            "delta_p_99_9_percent": 53.280, "delta_p_99_percent": 24.644, "delta_p_95_percent": 9.568,
            "delta_p_90_percent": 4.414, "delta_p_75_percent": 0.046, "delta_p_median_percent": -1.722,
            "delta_p_25_percent": -13.589, "delta_p_10_percent": -32.592, "delta_p_5_percent": -44.239,
            "delta_p_1_percent": -62.734, "delta_p_0_1_percent": -81.524, "delta_p_min_percent": -84.056,
            "rms_delta_p_percent": 19.260, "rms_delta_p_error_percent": 0.991,
            "same_top_p_percent": 67.323, "same_top_p_error_percent": 2.083,
            "chunks": 4, "scored_tokens": 508,
        ]
        #expect(json == expected)
    }

    @Test func modelAgainstItselfHasNoKLDAndNoNaNInJSON() throws {
        let result = try Perplexity.parseKLD(try fixture("kld-q8_0-vs-itself.txt"))
        #expect(result.kldMean == 0)
        #expect(result.kldMax < 1e-3)
        #expect(result.sameTopPPercent == 100)
        #expect(result.pplRatio == 0.999997)
        // Printed as "-nan": kept as absent, so the value still encodes as JSON.
        #expect(result.pplRatioError == nil)
        #expect(result.lnPPLRatioError == nil)
        #expect(result.lnPPLCorrelationPercent == 100)
        let decoded = try JSONDecoder().decode(KLDResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }

    @Test func tooFewScoredTokens() throws {
        #expect(throws: PerplexityError.tooFewScoredTokens(scored: 63)) {
            try Perplexity.parseKLD(try fixture("kld-63-tokens.txt"))
        }
        let message = PerplexityError.tooFewScoredTokens(scored: 63).description
        #expect(message.contains("100"))
    }

    @Test func corpusTooShort() throws {
        #expect(throws: PerplexityError.corpusTooShort(needed: 512, available: 81)) {
            try Perplexity.parsePerplexity(try fixture("perplexity-corpus-too-short.txt"))
        }
    }

    @Test func outputWithoutSummary() throws {
        let cut = try fixture("kld-q2_k-vs-q8_0.txt").components(separatedBy: "====== Perplexity statistics")[0]
        let error = try #require(throws: PerplexityError.self) { try Perplexity.parseKLD(cut) }
        guard case let .missingSummary(expected, lastLines) = error else { Issue.record("got \(error)"); return }
        #expect(expected.contains("Perplexity statistics"))
        #expect(lastLines.contains("67.323"))
        #expect(throws: PerplexityError.self) { try Perplexity.parsePerplexity("") }
        #expect(throws: PerplexityError.self) { try Perplexity.parsePerplexity(cut) }
    }

    @Test func missingOrGarbledLines() throws {
        let output = try fixture("kld-q2_k-vs-q8_0.txt")
        let withoutTopP = output.replacingOccurrences(of: "Same top p: 67.323 ± 2.083 %", with: "")
        let missing = try #require(throws: PerplexityError.self) { try Perplexity.parseKLD(withoutTopP) }
        #expect(missing.description.contains("Same top p"))
        let garbled = output.replacingOccurrences(of: "Mean    KLD:   0.481188", with: "Mean    KLD:   zero")
        #expect(throws: PerplexityError.unreadableStatistic(label: "Mean KLD", text: "zero ±   0.017591")) {
            try Perplexity.parseKLD(garbled)
        }
    }
}
