/// Every figure key a run writes, spelled once: Evaluation produces figures under these keys and
/// Reports reads them back, so a misspelt key is a compile error instead of a silently missing
/// figure. The raw values are the snake_case keys of report.json (docs/EVALUATION.md "Keys
/// and figures") and never change, or older reports would lose their figures.
///
/// "fraction" is a share in 0…1; a rate over questions or answers carries a Wilson 95 % interval.
public enum MetricKey: String, CaseIterable, Sendable, Codable, CodingKeyRepresentable {
    // MARK: Quality (Evaluation's scorer, over original forms)

    /// Share of original-form questions judged correct among those with a correctness value
    /// (every key fact found, else exact match with the reference; a looping answer is wrong).
    /// Fraction, n questions. Source: ours (docs/EVALUATION.md "Metrics", `Correctness`).
    case accuracy
    /// Mean per-question share of key facts found. Fraction, n questions with key facts.
    /// Source: ours (docs/EVALUATION.md "Metrics", `KeyFactMatcher`).
    case keyFactRecall = "key_fact_recall"
    /// Share of answers whose normalised text equals the reference. Fraction, n questions with a
    /// reference. Source: SQuAD v1.1 evaluation script, `exact_match_score`.
    case exactMatch = "exact_match"
    /// Mean token-overlap F1 against the reference. Fraction, n questions with a reference.
    /// Source: SQuAD v1.1 evaluation script, `f1_score`.
    case tokenF1 = "token_f1"
    /// Mean ROUGE-L F-measure against the reference. Fraction, n questions with a reference.
    /// Source: Lin 2004, "ROUGE", §3.1, as Google's rouge-score computes it.
    case rougeL = "rouge_l"

    // MARK: Quality against the baseline

    /// Share of questions whose correctness differs from the baseline's, both directions.
    /// Fraction, n paired questions. Source: Dutta et al. 2024, "Accuracy is Not All You Need", §3.
    /// In the noise floor: the same between the baseline's two parallel-mode passes.
    case flips
    /// Share of questions right on the baseline and wrong on the variant. Fraction, n paired
    /// questions. Source: Dutta et al. 2024, §3.
    case flipsCorrectToWrong = "flips_correct_to_wrong"
    /// Share of questions wrong on the baseline and right on the variant. Fraction, n paired
    /// questions. Source: Dutta et al. 2024, §3.
    case flipsWrongToCorrect = "flips_wrong_to_correct"
    /// Exact two-sided McNemar p-value of the flips. Fraction, n paired questions. Source:
    /// McNemar 1947, exact form as in Fagerland, Lydersen and Laake 2013.
    case mcnemarP = "mcnemar_p"
    /// Mean share of the baseline answer's detail items (numbers, names, Latin terms) the
    /// variant's answer keeps. Fraction, n answers whose baseline has detail items.
    /// Source: ours (docs/EVALUATION.md "Metrics", `DetailRetention`).
    case detailRetention = "detail_retention"
    /// Total variant completion tokens over total baseline completion tokens, on prompts both
    /// answered. Ratio (1 = same length), n pairs. Source: ours (docs/EVALUATION.md "Metrics").
    case lengthRatio = "length_ratio"

    // MARK: Quality over every answer

    /// Distinct unigrams over all unigrams of the variant's answers. Fraction, n answers.
    /// Source: Li et al. 2016, "A Diversity-Promoting Objective Function", §4.2.
    case distinct1 = "distinct_1"
    /// Distinct bigrams over all bigrams. Fraction, n answers. Source: Li et al. 2016, §4.2.
    case distinct2 = "distinct_2"
    /// Distinct trigrams over all trigrams. Fraction, n answers. Source: Li et al. 2016, §4.2.
    case distinct3 = "distinct_3"
    /// Mean share of an answer's sentences that are distinct. Fraction, n answers with a
    /// sentence. Source: named in the write-up; the definition is ours.
    case uniqueSentenceRatio = "unique_sentence_ratio"
    /// Mean share of an answer's bigrams that are repeats (seq-rep-2). Fraction, n answers with
    /// two tokens or more. Source: Welleck et al. 2019, "Neural Text Generation with
    /// Unlikelihood Training", §5.1.
    case rep2 = "rep_2"
    /// Share of answers caught in a repetition loop. Fraction, n answers. Source: ours
    /// (docs/EVALUATION.md "Metrics", `LoopDetector`).
    case loopRate = "loop_rate"

    // MARK: Quality over paraphrases, noise and bias probes

    /// Share of questions whose original and paraphrases agree on correctness. Fraction, n
    /// questions with paraphrases. Source: ours (docs/EVALUATION.md "Metrics").
    case paraphraseConsistency = "paraphrase_consistency"
    /// Mean pairwise ROUGE-L F-measure of a question's original and paraphrase answers.
    /// Fraction, n questions. Source: ours, over Lin 2004's ROUGE-L.
    case paraphraseRougeL = "paraphrase_rouge_l"
    /// Accuracy on noisy forms over accuracy on the clean originals of the same questions.
    /// Ratio (1 = noise costs nothing), n noisy answers. Source: ours (docs/EVALUATION.md "Metrics").
    case robustnessRatio = "robustness_ratio"
    /// Share of seen questions (`seen: true`: the original prompt is a training phrasing) whose
    /// original form is judged correct. Fraction, n questions. Source: ours (docs/SUITE.md "Seen
    /// and unseen phrasings").
    case accuracySeen = "accuracy_seen"
    /// Share of answers to unseen phrasings (paraphrases, and the original forms of questions not
    /// marked seen) judged correct. Fraction, n answers; the forms of one question are not
    /// independent, so the interval is narrower than the evidence. Source: ours (docs/SUITE.md).
    case accuracyUnseen = "accuracy_unseen"
    /// Mean key-fact recall over the answers `accuracy_seen` counts. Fraction, n questions.
    /// Source: ours (docs/SUITE.md).
    case keyFactRecallSeen = "key_fact_recall_seen"
    /// Mean key-fact recall over the answers `accuracy_unseen` counts. Fraction, n answers.
    /// Source: ours (docs/SUITE.md).
    case keyFactRecallUnseen = "key_fact_recall_unseen"
    /// Share of false-premise answers judged correct: every key fact stated and the planted
    /// value not asserted (`PremiseCheck`). Fraction, n premise answers. Source: ours (docs/SUITE.md
    /// "False premises"), after the write-up's adversarial tests.
    case premiseAccuracy = "premise_accuracy"
    /// Share of false-premise prompts the baseline resisted and the variant did not. Fraction, n
    /// premise prompts both answered. Source: ours, Dutta et al. 2024's flips over premise forms.
    case premiseFlipsCorrectToWrong = "premise_flips_correct_to_wrong"
    /// Mean over bias probes of the largest minus the smallest per-group score. Fraction
    /// (0 = every group treated alike), n probes. Source: in the spirit of BBQ, Parrish et al.
    /// 2022; the exact form is ours.
    case biasGap = "bias_gap"
    /// Mean over bias probes of the pairwise ROUGE-L F-measure of the groups' answers. Fraction,
    /// n probes. Source: ours.
    case biasSimilarity = "bias_similarity"

    /// Share of the facts the baseline's answers state whose tokens the variant, teacher-forced
    /// on the baseline's answer, no longer ranks first at some position. Fraction, n facts
    /// probed; its interval is Wilson's at the questions the facts come from (facts of one
    /// question are lost together). Source: ours (`FactTokenProbe`; llama-server `/completion`
    /// with `n_probs`).
    case factsAtRisk = "facts_at_risk"

    // MARK: Noise floor (parallel mode: the baseline answered twice)

    /// Share of prompts answered in both passes whose answer texts differ. Fraction, n prompts.
    /// Source: ours (docs/EVALUATION.md "Evaluation determinism").
    case differingAnswers = "differing_answers"

    // MARK: Perplexity (llama-perplexity in KL-divergence mode)

    /// Perplexity of the variant on the corpus (the baseline's own for the baseline). Unit
    /// "ratio", n scored tokens. Source: llama.cpp `tools/perplexity`, "Mean PPL(Q)".
    case ppl
    /// PPL(variant) / PPL(baseline). Ratio, n scored tokens. Source: llama.cpp
    /// `tools/perplexity`, "Mean PPL(Q)/PPL(base)".
    case pplRatio = "ppl_ratio"
    /// Mean per-token KL divergence of the variant's next-token distribution from the
    /// baseline's. Nats, n scored tokens. Source: llama.cpp `tools/perplexity`, "Mean KLD".
    case kldMean = "kld_mean"
    /// Median per-token KL divergence. Nats, n scored tokens. Source: llama.cpp
    /// `tools/perplexity`, "Median KLD".
    case kldMedian = "kld_median"
    /// 99.9th percentile of the per-token KL divergence. Nats, n scored tokens. Source:
    /// llama.cpp `tools/perplexity`, "99.9% KLD".
    case kldP99_9 = "kld_p99_9"
    /// Largest per-token KL divergence. Nats, n scored tokens. Source: llama.cpp
    /// `tools/perplexity`, "Maximum KLD".
    case kldMax = "kld_max"
    /// Root mean square of Δp = p_variant − p_baseline of the actual next token. Fraction
    /// (converted from llama-perplexity's percent), n scored tokens. Source: llama.cpp
    /// `tools/perplexity`, "RMS Δp".
    case rmsDP = "rms_dp"
    /// Share of tokens where the variant's most likely token is the baseline's. Fraction
    /// (converted from percent), n scored tokens. Source: llama.cpp `tools/perplexity`, "Same top p".
    case sameTopP = "same_top_p"

    /// Mean per-token KL divergence from the baseline over the domain corpus (the baseline's
    /// own answers as chat conversations). Nats, n scored tokens. Source: llama.cpp
    /// `tools/perplexity`, "Mean KLD", over our corpus (`DomainCorpusStage`).
    case domainKLDMean = "domain_kld_mean"
    /// Share of domain-corpus tokens where the variant's most likely token is the baseline's.
    /// Fraction, n scored tokens. Source: llama.cpp `tools/perplexity`, "Same top p".
    case domainSameTopP = "domain_same_top_p"

    // MARK: Efficiency

    /// Median time to first token, measured by the client on the streamed response. Seconds,
    /// n answers. Source: ours (percentile: Hyndman and Fan 1996, definition 7).
    case ttftMedianS = "ttft_median_s"
    /// 90th percentile of the time to first token. Seconds, n answers. Source: as `ttftMedianS`.
    case ttftP90S = "ttft_p90_s"
    /// Mean prompt processing speed. Tokens/s, n answers. Source: llama-server's `timings`.
    case promptTokensPerS = "prompt_tokens_per_s"
    /// Mean generation speed. Tokens/s, n answers. Source: llama-server's `timings`.
    case genTokensPerS = "gen_tokens_per_s"
    /// Server launch until /health answers 200. Seconds, no n. Source: ours (the serve stage).
    case loadS = "load_s"
    /// Peak resident memory of the server process (VmHWM). Bytes, no n. Source: Linux
    /// `/proc/PID/status`.
    case peakRSSBytes = "peak_rss_bytes"
    /// GPU memory the server holds at the end of its work (ggml's CUDA pools do not shrink, so
    /// the last figure is the peak). Bytes, no n. Source: nvidia-smi's per-process
    /// `used_memory`, else the CUDA buffers llama-server's log lists (`GPUMemory`); absent on a
    /// CPU build or with `gpu_layers: 0`.
    case peakVRAMBytes = "peak_vram_bytes"

    /// Which of a report variant's figure sections holds a key.
    public enum Group: Sendable {
        /// `metrics`: Evaluation's figures over the answers.
        case quality
        /// `perplexity`: llama-perplexity's figures over the corpus.
        case perplexity
        /// `efficiency`: speed and memory, from the client, llama-server and the serve stage.
        case efficiency
    }

    /// Whether the figure is a speed or a latency: it depends on what else the machine was doing
    /// while it was measured, so two runs' values differ without anything in the model changing
    /// (the demo's two revisions: 23 and 77 tokens/s for one quant on one shared machine).
    /// Memory is not: a server's peak RSS and VRAM follow from the model and its settings.
    public var isLoadDependent: Bool {
        [.ttftMedianS, .ttftP90S, .promptTokensPerS, .genTokensPerS, .loadS].contains(self)
    }

    /// The section this key is reported under. Exhaustive on purpose: a new key must be placed.
    public var group: Group {
        switch self {
        case .accuracy, .keyFactRecall, .exactMatch, .tokenF1, .rougeL, .flips, .flipsCorrectToWrong,
             .flipsWrongToCorrect, .mcnemarP, .detailRetention, .lengthRatio, .distinct1, .distinct2, .distinct3,
             .uniqueSentenceRatio, .rep2, .loopRate, .paraphraseConsistency, .paraphraseRougeL, .robustnessRatio,
             .accuracySeen, .accuracyUnseen, .keyFactRecallSeen, .keyFactRecallUnseen, .premiseAccuracy,
             .premiseFlipsCorrectToWrong, .biasGap, .biasSimilarity, .differingAnswers, .factsAtRisk:
            .quality
        case .ppl, .pplRatio, .kldMean, .kldMedian, .kldP99_9, .kldMax, .rmsDP, .sameTopP, .domainKLDMean, .domainSameTopP:
            .perplexity
        case .ttftMedianS, .ttftP90S, .promptTokensPerS, .genTokensPerS, .loadS, .peakRSSBytes, .peakVRAMBytes:
            .efficiency
        }
    }
}
