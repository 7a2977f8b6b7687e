/// What one variant's verdict is computed from, each part nil when the run has no data for it
/// (an endpoint has no KLD, a suite without key facts no recall): a criterion without data is
/// left out of the verdict and the verdict says so.
public struct VerdictEvidence: Sendable, Equatable {
    /// Correctness of the questions' original forms on both sides.
    public var correctness: PairedCorrectness?
    /// Per question (the outer array), per form with key facts on both sides (the inner):
    /// the baseline's key-fact recall minus the variant's, each in −1…1.
    public var recallDifferences: [[Double]]?
    /// Flipped questions and questions compared.
    public var flips: (flipped: Int, questions: Int)?
    /// The baseline against itself in parallel mode: the share of flips that is noise.
    public var noiseFloorFlips: Double?
    /// Facts at risk, facts probed, and the questions those facts come from.
    public var factsAtRisk: (atRisk: Int, probed: Int, questions: Int)?
    /// Mean KLD over the baseline's own answers, with the ± llama-perplexity printed.
    public var domainKLD: MeanEstimate?
    /// Mean KLD over the generic corpus, with its ±.
    public var kld: MeanEstimate?
    /// Server checks that failed in a way that could have changed the scores, one sentence each.
    public var failedChecks: [String]
    /// Why the variant was not asked the suite (an adaptive search screened it on its KLD), or
    /// nil when it was: such a variant can be REJECTED on what was measured, never CLOSE.
    public var notEvaluated: String?
    /// What changed on the suite's own questions, counted (``SuiteCensus``).
    public var census: SuiteCensus?

    /// Memberwise; every part defaults to "no data".
    public init(correctness: PairedCorrectness? = nil, recallDifferences: [[Double]]? = nil,
                flips: (flipped: Int, questions: Int)? = nil, noiseFloorFlips: Double? = nil,
                factsAtRisk: (atRisk: Int, probed: Int, questions: Int)? = nil, domainKLD: MeanEstimate? = nil,
                kld: MeanEstimate? = nil, failedChecks: [String] = [], notEvaluated: String? = nil, census: SuiteCensus? = nil) {
        self.correctness = correctness
        self.recallDifferences = recallDifferences
        self.flips = flips
        self.noiseFloorFlips = noiseFloorFlips
        self.factsAtRisk = factsAtRisk
        self.domainKLD = domainKLD
        self.kld = kld
        self.failedChecks = failedChecks
        self.notEvaluated = notEvaluated
        self.census = census
    }

    /// Field by field (tuples have no synthesized equality).
    public static func == (lhs: VerdictEvidence, rhs: VerdictEvidence) -> Bool {
        lhs.correctness == rhs.correctness && lhs.recallDifferences == rhs.recallDifferences
            && lhs.flips?.flipped == rhs.flips?.flipped && lhs.flips?.questions == rhs.flips?.questions
            && lhs.noiseFloorFlips == rhs.noiseFloorFlips
            && lhs.factsAtRisk?.atRisk == rhs.factsAtRisk?.atRisk && lhs.factsAtRisk?.probed == rhs.factsAtRisk?.probed
            && lhs.factsAtRisk?.questions == rhs.factsAtRisk?.questions
            && lhs.domainKLD == rhs.domainKLD && lhs.kld == rhs.kld && lhs.failedChecks == rhs.failedChecks
            && lhs.notEvaluated == rhs.notEvaluated && lhs.census == rhs.census
    }
}

/// A 2×2 table of paired correctness over questions: right on both, right on the baseline
/// only, right on the variant only, wrong on both.
public struct PairedCorrectness: Sendable, Equatable {
    /// Right on both.
    public var bothRight: Int
    /// Right on the baseline, wrong on the variant.
    public var baselineOnly: Int
    /// Wrong on the baseline, right on the variant.
    public var variantOnly: Int
    /// Wrong on both.
    public var bothWrong: Int

    /// Questions in the table.
    public var questions: Int { bothRight + baselineOnly + variantOnly + bothWrong }

    /// Memberwise.
    public init(bothRight: Int, baselineOnly: Int, variantOnly: Int, bothWrong: Int) {
        self.bothRight = bothRight
        self.baselineOnly = baselineOnly
        self.variantOnly = variantOnly
        self.bothWrong = bothWrong
    }

    /// The table of the questions present on both sides (question id → correct).
    public init(baseline: [String: Bool], variant: [String: Bool]) {
        var table = PairedCorrectness(bothRight: 0, baselineOnly: 0, variantOnly: 0, bothWrong: 0)
        for (id, before) in baseline {
            guard let after = variant[id] else { continue }
            switch (before, after) {
            case (true, true): table.bothRight += 1
            case (true, false): table.baselineOnly += 1
            case (false, true): table.variantOnly += 1
            case (false, false): table.bothWrong += 1
            }
        }
        self = table
    }
}

/// A mean KLD as llama-perplexity measures it ("Mean KLD: m ± e" over `n` scored tokens), with
/// the mean of each chunk it scored where its chunk table was read.
///
/// Its 95 % interval takes the chunks as the units (batch means: Schmeiser 1982, "Batch size
/// effects in the analysis of simulation output", Operations Research 30:556–568): a chunk's
/// scored half holds whole consecutive answers, so chunks are nearly independent where tokens
/// are not, and Student's t over the chunk means, corrected for their right skew (Hall 1992,
/// ``StudentT/skewCorrectedMean95(_:)``), is honest where llama-perplexity's ± over tokens is
/// too narrow. With fewer than two chunks only that ± is left, and the criterion says so.
public struct MeanEstimate: Sendable, Equatable {
    /// The mean.
    public var mean: Double
    /// Its standard error over tokens, as printed; nil where the tool printed none.
    public var standardError: Double?
    /// The samples the mean is over (scored tokens).
    public var n: Int
    /// The questions whose answers the tokens come from (the domain corpus); nil for a corpus
    /// of no questions. When set, the verdict counts the sample and what would decide it in
    /// questions, the unit a suite grows by.
    public var questions: Int?
    /// Each chunk's mean, in chunk order; nil or fewer than two when not known.
    public var chunkMeans: [Double]?

    /// Whether the interval is over chunks (at least two chunk means known).
    public var isOverChunks: Bool { (chunkMeans?.count ?? 0) >= 2 }

    /// The 95 % interval, clamped at 0 (a divergence is never negative): Student's t over the
    /// chunk means, skew-corrected, when there are at least two
    /// (``StudentT/skewCorrectedMean95(_:)``), else mean ± 1.96 × the
    /// standard error over tokens, else the mean alone.
    public var interval95: Interval {
        if let chunkMeans, let estimate = StudentT.skewCorrectedMean95(chunkMeans) {
            return Interval(lower: max(0, estimate.interval.lower), upper: max(0, estimate.interval.upper))
        }
        let half = (standardError ?? 0) * WilsonInterval.z95
        return Interval(lower: max(0, mean - half), upper: mean + half)
    }

    /// Memberwise.
    public init(mean: Double, standardError: Double?, n: Int, questions: Int? = nil, chunkMeans: [Double]? = nil) {
        self.mean = mean
        self.standardError = standardError
        self.n = n
        self.questions = questions
        self.chunkMeans = chunkMeans
    }
}
