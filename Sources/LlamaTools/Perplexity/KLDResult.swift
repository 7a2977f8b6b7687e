/// Every statistic llama-perplexity prints in KL-divergence mode (`--kl-divergence-base FILE
/// --kl-divergence`), one field per printed number, exactly as printed: percentages stay in
/// percent here (Same top p 96.765 means 96.765 %); the report converts them to fractions.
///
/// Source: llama.cpp `tools/perplexity/perplexity.cpp`, function `kl_divergence` (the
/// KL divergence of the variant's next-token distribution from the baseline's, in nats,
/// per scored token; Δp = p_Q − p_base of the actual next token). Percentile fields follow
/// its `percentile` (linear interpolation over the sorted per-token values).
///
/// The required fields are those every build prints; the rest are nil when a build does not
/// print them, and a ± error is nil where it printed "nan" (e.g. a model against itself).
/// JSON keys are snake_case (`kld_99_9`, `same_top_p_percent`).
public struct KLDResult: Codable, Sendable, Equatable {
    /// Perplexity of the variant (Q) on the base file's tokens. Printed as "Mean PPL(Q)".
    public var pplQ: Double
    /// ± of `pplQ`. Printed as "Mean PPL(Q)".
    public var pplQError: Double?
    /// Perplexity of the baseline, from the base file. Printed as "Mean PPL(base)".
    public var pplBase: Double
    /// ± of `pplBase`. Printed as "Mean PPL(base)".
    public var pplBaseError: Double?
    /// Correlation of the per-token ln PPL of Q and base, in percent. Printed as "Cor(ln(PPL(Q)), ln(PPL(base)))".
    public var lnPPLCorrelationPercent: Double?
    /// Mean of ln(PPL(Q)/PPL(base)). Printed as "Mean ln(PPL(Q)/PPL(base))".
    public var lnPPLRatio: Double?
    /// ± of `lnPPLRatio`. Printed as "Mean ln(PPL(Q)/PPL(base))".
    public var lnPPLRatioError: Double?
    /// PPL(Q)/PPL(base). Printed as "Mean PPL(Q)/PPL(base)".
    public var pplRatio: Double
    /// ± of `pplRatio`. Printed as "Mean PPL(Q)/PPL(base)".
    public var pplRatioError: Double?
    /// PPL(Q) − PPL(base). Printed as "Mean PPL(Q)-PPL(base)".
    public var pplDifference: Double?
    /// ± of `pplDifference`. Printed as "Mean PPL(Q)-PPL(base)".
    public var pplDifferenceError: Double?
    /// Mean KL divergence of Q's token distribution from the base's, in nats. Printed as "Mean KLD".
    public var kldMean: Double
    /// ± of `kldMean`. Printed as "Mean KLD".
    public var kldMeanError: Double?
    /// Largest per-token KLD. Printed as "Maximum KLD".
    public var kldMax: Double
    /// 99.9th percentile of the per-token KLD. Printed as "99.9% KLD".
    public var kld99_9: Double
    /// 99th percentile. Printed as "99.0% KLD".
    public var kld99: Double
    /// 95th percentile. Printed as "95.0% KLD".
    public var kld95: Double?
    /// 90th percentile. Printed as "90.0% KLD".
    public var kld90: Double?
    /// Median per-token KLD. Printed as "Median KLD".
    public var kldMedian: Double
    /// 10th percentile. Printed as "10.0% KLD".
    public var kld10: Double?
    /// 5th percentile. Printed as "5.0% KLD".
    public var kld5: Double?
    /// 1st percentile. Printed as "1.0% KLD".
    public var kld1: Double?
    /// 0.1th percentile. Printed as "0.1% KLD".
    public var kld0_1: Double?
    /// Smallest per-token KLD. Printed as "Minimum KLD".
    public var kldMin: Double?
    /// Mean Δp = p_Q − p_base of the correct token, in percent. Printed as "Mean Δp".
    public var deltaPMeanPercent: Double?
    /// ± of `deltaPMeanPercent`, in percent. Printed as "Mean Δp".
    public var deltaPMeanErrorPercent: Double?
    /// Largest Δp, in percent. Printed as "Maximum Δp".
    public var deltaPMaxPercent: Double?
    /// 99.9th percentile of Δp, in percent. Printed as "99.9% Δp".
    public var deltaP99_9Percent: Double?
    /// 99th percentile of Δp, in percent. Printed as "99.0% Δp".
    public var deltaP99Percent: Double?
    /// 95th percentile of Δp, in percent. Printed as "95.0% Δp".
    public var deltaP95Percent: Double?
    /// 90th percentile of Δp, in percent. Printed as "90.0% Δp".
    public var deltaP90Percent: Double?
    /// 75th percentile of Δp, in percent. Printed as "75.0% Δp".
    public var deltaP75Percent: Double?
    /// Median Δp, in percent. Printed as "Median Δp".
    public var deltaPMedianPercent: Double?
    /// 25th percentile of Δp, in percent. Printed as "25.0% Δp".
    public var deltaP25Percent: Double?
    /// 10th percentile of Δp, in percent. Printed as "10.0% Δp".
    public var deltaP10Percent: Double?
    /// 5th percentile of Δp, in percent. Printed as "5.0% Δp".
    public var deltaP5Percent: Double?
    /// 1st percentile of Δp, in percent. Printed as "1.0% Δp".
    public var deltaP1Percent: Double?
    /// 0.1th percentile of Δp, in percent. Printed as "0.1% Δp".
    public var deltaP0_1Percent: Double?
    /// Smallest Δp, in percent. Printed as "Minimum Δp".
    public var deltaPMinPercent: Double?
    /// Root mean square of Δp, in percent. Printed as "RMS Δp".
    public var rmsDeltaPPercent: Double
    /// ± of `rmsDeltaPPercent`, in percent. Printed as "RMS Δp".
    public var rmsDeltaPErrorPercent: Double?
    /// Share of tokens where Q's most likely token is the base's, in percent. Printed as "Same top p".
    public var sameTopPPercent: Double
    /// ± of `sameTopPPercent`, in percent. Printed as "Same top p".
    public var sameTopPErrorPercent: Double?
    /// Chunks evaluated, as printed ("computing over N chunks"): those of the base file, whatever
    /// `--chunks` says, as KLD mode reads the chunk count from the file.
    public var chunks: Int?
    /// Tokens every statistic here is over: chunks × (n_ctx − 1 − n_ctx/2), from the printed
    /// "computing over N chunks, n_ctx=C" line (only the second half of each window, less its
    /// last token, is scored). Optional so that records written before it existed still
    /// decode (as nil); nil too when the output lacks that line.
    public var scoredTokens: Int?
    /// Mean KLD of each chunk's scored tokens, in nats, in chunk order: recovered from the
    /// running means llama-perplexity prints after each chunk (chunk i's mean is
    /// i·mᵢ − (i − 1)·mᵢ₋₁, as every chunk scores the same number of tokens), so each value
    /// carries the printed rounding (5 decimals) times about 2i. Chunks are the units of the
    /// batch-means interval (``KLDChunks``); nil for a record written before they were read,
    /// or when the output has no chunk table.
    public var chunkKLD: [Double]?
    /// Share of each chunk's scored tokens where Q's most likely token is the base's, in
    /// percent, recovered from the running "Same top p" as `chunkKLD` is.
    public var chunkSameTopPPercent: [Double]?

    enum CodingKeys: String, CodingKey {
        case pplQ = "ppl_q"
        case pplQError = "ppl_q_error"
        case pplBase = "ppl_base"
        case pplBaseError = "ppl_base_error"
        case lnPPLCorrelationPercent = "ln_ppl_correlation_percent"
        case lnPPLRatio = "ln_ppl_ratio"
        case lnPPLRatioError = "ln_ppl_ratio_error"
        case pplRatio = "ppl_ratio"
        case pplRatioError = "ppl_ratio_error"
        case pplDifference = "ppl_difference"
        case pplDifferenceError = "ppl_difference_error"
        case kldMean = "kld_mean"
        case kldMeanError = "kld_mean_error"
        case kldMax = "kld_max"
        case kld99_9 = "kld_99_9"
        case kld99 = "kld_99"
        case kld95 = "kld_95"
        case kld90 = "kld_90"
        case kldMedian = "kld_median"
        case kld10 = "kld_10"
        case kld5 = "kld_5"
        case kld1 = "kld_1"
        case kld0_1 = "kld_0_1"
        case kldMin = "kld_min"
        case deltaPMeanPercent = "delta_p_mean_percent"
        case deltaPMeanErrorPercent = "delta_p_mean_error_percent"
        case deltaPMaxPercent = "delta_p_max_percent"
        case deltaP99_9Percent = "delta_p_99_9_percent"
        case deltaP99Percent = "delta_p_99_percent"
        case deltaP95Percent = "delta_p_95_percent"
        case deltaP90Percent = "delta_p_90_percent"
        case deltaP75Percent = "delta_p_75_percent"
        case deltaPMedianPercent = "delta_p_median_percent"
        case deltaP25Percent = "delta_p_25_percent"
        case deltaP10Percent = "delta_p_10_percent"
        case deltaP5Percent = "delta_p_5_percent"
        case deltaP1Percent = "delta_p_1_percent"
        case deltaP0_1Percent = "delta_p_0_1_percent"
        case deltaPMinPercent = "delta_p_min_percent"
        case rmsDeltaPPercent = "rms_delta_p_percent"
        case rmsDeltaPErrorPercent = "rms_delta_p_error_percent"
        case sameTopPPercent = "same_top_p_percent"
        case sameTopPErrorPercent = "same_top_p_error_percent"
        case chunks, scoredTokens = "scored_tokens"
        case chunkKLD = "chunk_kld", chunkSameTopPPercent = "chunk_same_top_p_percent"
    }

    /// Reads every statistic from the summary lines.
    /// - Throws: `PerplexityError.missingSummary` for a missing required line,
    ///   `.unreadableStatistic` for a number that cannot be read.
    init(_ lines: StatisticLines, chunks: Int?, scoredTokens: Int?, table: KLDChunkTable? = nil) throws(PerplexityError) {
        (pplQ, pplQError) = try lines.required("Mean PPL(Q)")
        (pplBase, pplBaseError) = try lines.required("Mean PPL(base)")
        lnPPLCorrelationPercent = try lines.optional("Cor(ln(PPL(Q)), ln(PPL(base)))").value
        (lnPPLRatio, lnPPLRatioError) = try lines.optional("Mean ln(PPL(Q)/PPL(base))")
        (pplRatio, pplRatioError) = try lines.required("Mean PPL(Q)/PPL(base)")
        (pplDifference, pplDifferenceError) = try lines.optional("Mean PPL(Q)-PPL(base)")
        (kldMean, kldMeanError) = try lines.required("Mean KLD")
        kldMax = try lines.required("Maximum KLD").value
        kld99_9 = try lines.required("99.9% KLD").value
        kld99 = try lines.required("99.0% KLD").value
        kld95 = try lines.optional("95.0% KLD").value
        kld90 = try lines.optional("90.0% KLD").value
        kldMedian = try lines.required("Median KLD").value
        kld10 = try lines.optional("10.0% KLD").value
        kld5 = try lines.optional("5.0% KLD").value
        kld1 = try lines.optional("1.0% KLD").value
        kld0_1 = try lines.optional("0.1% KLD").value
        kldMin = try lines.optional("Minimum KLD").value
        (deltaPMeanPercent, deltaPMeanErrorPercent) = try lines.optional("Mean Δp")
        deltaPMaxPercent = try lines.optional("Maximum Δp").value
        deltaP99_9Percent = try lines.optional("99.9% Δp").value
        deltaP99Percent = try lines.optional("99.0% Δp").value
        deltaP95Percent = try lines.optional("95.0% Δp").value
        deltaP90Percent = try lines.optional("90.0% Δp").value
        deltaP75Percent = try lines.optional("75.0% Δp").value
        deltaPMedianPercent = try lines.optional("Median Δp").value
        deltaP25Percent = try lines.optional("25.0% Δp").value
        deltaP10Percent = try lines.optional("10.0% Δp").value
        deltaP5Percent = try lines.optional("5.0% Δp").value
        deltaP1Percent = try lines.optional("1.0% Δp").value
        deltaP0_1Percent = try lines.optional("0.1% Δp").value
        deltaPMinPercent = try lines.optional("Minimum Δp").value
        (rmsDeltaPPercent, rmsDeltaPErrorPercent) = try lines.required("RMS Δp")
        (sameTopPPercent, sameTopPErrorPercent) = try lines.required("Same top p")
        self.chunks = chunks
        self.scoredTokens = scoredTokens
        chunkKLD = table?.kld
        chunkSameTopPPercent = table?.sameTopPPercent
    }
}
