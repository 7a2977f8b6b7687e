import Foundation
import Testing
@testable import LlamaTools

/// The parsers on outputs captured from llama-perplexity (build 11434, SmolLM2-135M requantized
/// from the shipped Q4_1, corpus: the Python 3.11 tutorial sources; see Fixtures/).
@Suite struct PerplexityParserTests {
    /// The corpus the fixtures' perplexity runs read, as the parser is told it.
    private let corpus = URL(fileURLWithPath: "/data/corpus.txt")

    @Test func perplexityRun() throws {
        let result = try Perplexity.parsePerplexity(try fixture("perplexity-q8_0.txt"), corpus: corpus)
        #expect(result == PerplexityResult(ppl: 15.7063, pplError: 1.81694, scoredTokens: 4 * 127, chunks: 4))
    }

    @Test func kldBaseRunReportsTheBaselinePerplexity() throws {
        let result = try Perplexity.parsePerplexity(try fixture("kld-base-q8_0.txt"), corpus: corpus)
        #expect(result.ppl == 15.7063)
        #expect(result.chunks == 4)
    }

    @Test func everyKLDStatisticExactlyAsPrinted() throws {
        let result = try Perplexity.parseKLD(try fixture("kld-q2_k-vs-q8_0.txt"))
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any]
        object?.removeValue(forKey: "chunk_kld")
        object?.removeValue(forKey: "chunk_same_top_p_percent")
        let json = object as? [String: Double]
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

    @Test func eachChunksOwnMeanFromTheRunningTable() throws {
        // The table's running KLD is 0.45061, 0.47414, 0.45563, 0.48119: chunk i's own mean is
        // i·mᵢ − (i − 1)·mᵢ₋₁, and their average is the summary's Mean KLD.
        let result = try Perplexity.parseKLD(try fixture("kld-q2_k-vs-q8_0.txt"))
        let chunks = try #require(result.chunkKLD)
        let expected = [0.45061, 2 * 0.47414 - 0.45061, 3 * 0.45563 - 2 * 0.47414, 4 * 0.48119 - 3 * 0.45563]
        #expect(zip(chunks, expected).allSatisfy { abs($0 - $1) < 1e-12 } && chunks.count == 4, "\(chunks)")
        #expect(abs(chunks.reduce(0, +) / 4 - result.kldMean) < 1e-5)
        let same = try #require(result.chunkSameTopPPercent)
        #expect(abs(same[1] - (2 * 65.748 - 71.654)) < 1e-9)
        // A model against itself prints "-nan" errors in its table; its chunks still read.
        #expect(try Perplexity.parseKLD(try fixture("kld-q8_0-vs-itself.txt")).chunkKLD?.count == 4)
        // Output without the table (an older capture, a record written before) has none.
        let summaryOnly = try fixture("kld-q2_k-vs-q8_0.txt").components(separatedBy: "\n").filter { !$0.hasPrefix("   ") }.joined(separator: "\n")
        #expect(try Perplexity.parseKLD(summaryOnly).chunkKLD == nil)
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
        let error = PerplexityError.tooFewScoredTokens(scored: 63, chunks: 1, contextSize: 128)
        #expect(throws: error) {
            try Perplexity.parseKLD(try fixture("kld-63-tokens.txt"))
        }
        #expect(error.isInputError)
        #expect(error.description == "llama-perplexity scored only 63 tokens (1 chunk × (ctx 128 − 1 − 64)) and prints KL-divergence statistics only from 100 scored tokens on; raise chunks to at least 2 (with a corpus of at least 2 × 128 tokens, as the KLD base holds only the chunks its corpus filled) or raise ctx")
    }

    @Test func corpusTooShort() throws {
        let shortfall = CorpusShortfall(corpus: corpus.path, contextSize: 256, neededTokens: 512, corpusTokens: 81)
        #expect(throws: PerplexityError.corpusTooShort(shortfall)) {
            try Perplexity.parsePerplexity(try fixture("perplexity-corpus-too-short.txt"), corpus: corpus)
        }
        #expect(PerplexityError.corpusTooShort(shortfall).isInputError)
        #expect(PerplexityError.corpusTooShort(shortfall).description == "llama-perplexity cannot use the corpus: the corpus /data/corpus.txt tokenizes to only 81 tokens, fewer than the 512 (2 × ctx 256) needed for one chunk; use a corpus of at least 512 tokens or a ctx of at most 40")
    }

    @Test func toolFailuresAreNotInputErrors() {
        #expect(!PerplexityError.missingSummary(expected: "x", lastLines: "").isInputError)
        #expect(!PerplexityError.unreadableStatistic(label: "Mean KLD", text: "zero").isInputError)
        #expect(!PerplexityError.toolFailed(termination: .exited(1), activity: "a", logFile: "l", lastLines: "").isInputError)
        #expect(PerplexityError.missingInput(what: "corpus", path: "/x").isInputError)
    }

    @Test func recordsWrittenBeforeScoredTokensStillDecode() throws {
        let old = try JSONDecoder().decode(PerplexityResult.self, from: Data(#"{"ppl": 15.7063, "ppl_error": 1.81694, "chunks": 4}"#.utf8))
        #expect(old == PerplexityResult(ppl: 15.7063, pplError: 1.81694, scoredTokens: nil, chunks: 4))
        var kld = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try Perplexity.parseKLD(try fixture("kld-q2_k-vs-q8_0.txt")))) as? [String: Any]
        #expect(kld?.removeValue(forKey: "scored_tokens") as? Int == 508)
        let decoded = try JSONDecoder().decode(KLDResult.self, from: JSONSerialization.data(withJSONObject: try #require(kld)))
        #expect(decoded.scoredTokens == nil)
        #expect(decoded.kldMean == 0.481188)
    }

    @Test func outputWithoutSummary() throws {
        let cut = try fixture("kld-q2_k-vs-q8_0.txt").components(separatedBy: "====== Perplexity statistics")[0]
        let error = try #require(throws: PerplexityError.self) { try Perplexity.parseKLD(cut) }
        guard case let .missingSummary(expected, lastLines) = error else { Issue.record("got \(error)"); return }
        #expect(expected.contains("Perplexity statistics"))
        #expect(lastLines.contains("67.323"))
        #expect(throws: PerplexityError.self) { try Perplexity.parsePerplexity("", corpus: corpus) }
        #expect(throws: PerplexityError.self) { try Perplexity.parsePerplexity(cut, corpus: corpus) }
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
