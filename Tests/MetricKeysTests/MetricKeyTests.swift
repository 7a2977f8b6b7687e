import Foundation
import MetricKeys
import Testing

@Suite struct MetricKeyTests {
    /// The raw values are report.json's keys: spelled out here a second time on purpose, so a
    /// renamed case that changed its raw value, and with it every new report, fails here.
    @Test func rawValuesAreTheReportKeys() {
        #expect(Set(MetricKey.allCases.map(\.rawValue)) == [
            "accuracy", "key_fact_recall", "exact_match", "token_f1", "rouge_l",
            "flips", "flips_correct_to_wrong", "flips_wrong_to_correct", "mcnemar_p", "detail_retention", "length_ratio",
            "distinct_1", "distinct_2", "distinct_3", "unique_sentence_ratio", "rep_2", "loop_rate",
            "paraphrase_consistency", "paraphrase_rouge_l", "robustness_ratio", "bias_gap", "bias_similarity",
            "accuracy_seen", "accuracy_unseen", "key_fact_recall_seen", "key_fact_recall_unseen",
            "premise_accuracy", "premise_flips_correct_to_wrong",
            "facts_at_risk", "differing_answers",
            "ppl", "ppl_ratio", "kld_mean", "kld_median", "kld_p99_9", "kld_max", "rms_dp", "same_top_p",
            "domain_kld_mean", "domain_same_top_p",
            "ttft_median_s", "ttft_p90_s", "prompt_tokens_per_s", "gen_tokens_per_s", "load_s", "peak_rss_bytes",
            "peak_vram_bytes",
        ])
    }

    @Test func speedsAndLatenciesAreTheLoadDependentFigures() {
        #expect(Set(MetricKey.allCases.filter(\.isLoadDependent)) == [.ttftMedianS, .ttftP90S, .promptTokensPerS, .genTokensPerS, .loadS])
    }

    @Test func groupsMatchTheReportSections() {
        #expect(Set(MetricKey.allCases.filter { $0.group == .perplexity }) == [
            .ppl, .pplRatio, .kldMean, .kldMedian, .kldP99_9, .kldMax, .rmsDP, .sameTopP, .domainKLDMean, .domainSameTopP,
        ])
        #expect(Set(MetricKey.allCases.filter { $0.group == .efficiency }) == [
            .ttftMedianS, .ttftP90S, .promptTokensPerS, .genTokensPerS, .loadS, .peakRSSBytes, .peakVRAMBytes,
        ])
    }

    /// Without CodingKeyRepresentable a dictionary keyed by an enum encodes as a flat array of
    /// alternating keys and values; `quantorch score --json` relies on getting an object.
    @Test func aDictionaryKeyedByMetricKeyEncodesAsAnObject() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode([MetricKey.kldP99_9: 1, .accuracy: 0.5]), as: UTF8.self)
        #expect(json == #"{"accuracy":0.5,"kld_p99_9":1}"#)
        #expect(try JSONDecoder().decode([MetricKey: Double].self, from: Data(json.utf8)) == [.accuracy: 0.5, .kldP99_9: 1])
    }
}
