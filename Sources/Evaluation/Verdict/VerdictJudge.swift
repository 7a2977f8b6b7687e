/// Reads a variant's evidence against the margins: each criterion gets its 95 % interval and a
/// reading (``CriterionReading``), and the variant a status from two kinds of evidence, each
/// read for what it can show (``VariantVerdict/status``):
/// - on the user's own questions, the census (``SuiteCensus``): answers are deterministic in
///   sequential mode, so a stated key fact lost, an answer turned wrong or a new loop is a fact
///   about these questions, not noise: a lost fact or a loop keeps the variant from CLOSE at any
///   size, an answer turned wrong until the suite is large enough to read its share on an
///   interval;
/// - beyond those questions, the token-level divergence on the baseline's own answers (domain
///   KLD) with an interval over chunks of whole answers, and the shares (accuracy, recall,
///   flips, facts at risk) on their intervals where the suite is large enough to read them.
/// A share whose interval straddles its margin keeps the variant UNSURE, except where the
/// suite is too small for even a share of zero to read within (``SuiteSize``: 73 questions at
/// a 0.05 margin) and its census is clean: then it is settled by the census and the verdict
/// states what it leaves open beyond the suite (``VariantVerdict/limit``). Any criterion past
/// its margin rejects.
///
/// Intervals, per criterion:
/// - accuracy drop: Newcombe (1998) method 10 for a difference of paired proportions, over
///   the questions' original forms (one per question, so the questions are independent); a
///   significant paired loss is an exact McNemar p < 0.05 with the drop past the margin;
/// - key-fact recall drop: a seeded percentile cluster bootstrap over questions of the pooled
///   per-form differences (paraphrases and noisy forms of one question are not independent
///   samples); with fewer than five questions whose recall changed the bootstrap has almost no
///   spread to resample and under-covers, so the interval is widened to at least ± the Wilson
///   upper bound of k changed of n questions (a question can change by up to 1), and a few
///   changed questions cannot reject on recall alone;
/// - flips: the Wilson interval of flipped / compared questions, against the margin plus the
///   noise floor in parallel mode;
/// - facts at risk: the Wilson interval of the share at the effective sample size of the
///   questions the facts come from (Kish 1965's design effect at intra-question correlation 1,
///   its conservative bound: a question's facts tend to be lost together);
/// - KLD (domain and generic): Student's t over the mean KLD of each chunk llama-perplexity
///   scored (batch means, ``MeanEstimate``), skew-corrected by Hall's transformation
///   (``StudentT/skewCorrectedMean95(_:)``), clamped at 0; where fewer than two chunks are
///   known, mean ± 1.96 × llama-perplexity's standard error over tokens, which is too narrow
///   (tokens are not independent) and says so in the method.
/// The estimate of how many more samples would decide is ``DecisionHorizon``'s, at the
/// observed rates. The rule's error rates are measured by simulation (`verdict-simulation`,
/// docs/VERDICT.md).
public struct VerdictJudge: Sendable {
    /// The margins.
    public var margins: VerdictMargins
    /// Seed of the cluster bootstrap, so a report is reproducible.
    public var seed: UInt64
    /// Resamples of the cluster bootstrap: 2000 in reports; the simulation, which judges
    /// thousands of variants, may ask for fewer.
    public var replicates: Int

    /// Memberwise.
    public init(margins: VerdictMargins, seed: UInt64 = 20_261_201, replicates: Int = 2000) {
        self.margins = margins
        self.seed = seed
        self.replicates = replicates
    }

    /// The verdict on one variant.
    public func judge(_ evidence: VerdictEvidence) -> VariantVerdict {
        var criteria: [CriterionOutcome] = []
        if let table = evidence.correctness, table.questions > 0 { criteria.append(accuracyDrop(table)) }
        if let differences = evidence.recallDifferences, let outcome = recallDrop(differences, lost: evidence.census?.factsLost.count) {
            criteria.append(outcome)
        }
        if let flips = evidence.flips, flips.questions > 0 {
            criteria.append(flipsOutcome(flipped: flips.flipped, questions: flips.questions, floor: evidence.noiseFloorFlips ?? 0,
                                         turnedWrong: evidence.census?.rightToWrong.count))
        }
        if let facts = evidence.factsAtRisk, facts.probed > 0 { criteria.append(factsAtRisk(facts)) }
        if let domain = evidence.domainKLD { criteria.append(kld(domain, name: .domainKLDMean, margin: margins.domainKLDMean)) }
        if let generic = evidence.kld { criteria.append(kld(generic, name: .kldMean, margin: margins.kldMean)) }
        return VariantVerdict(criteria: criteria, failedChecks: evidence.failedChecks, notEvaluated: evidence.notEvaluated,
                              census: evidence.census)
    }

    private func accuracyDrop(_ table: PairedCorrectness) -> CriterionOutcome {
        let n = table.questions
        let estimate = Double(table.baselineOnly - table.variantOnly) / Double(n)
        let interval = PairedDifferenceInterval.drop95(a: Double(table.bothRight), b: Double(table.baselineOnly),
                                                       c: Double(table.variantOnly), d: Double(table.bothWrong))?.interval
            ?? Interval(lower: estimate, upper: estimate)
        let p = McNemarTest.pValue(correctToWrong: table.baselineOnly, wrongToCorrect: table.variantOnly)
        let significant = p < 0.05 && table.baselineOnly > table.variantOnly && estimate > margins.accuracyDrop
        let reading = CriterionReading.read(estimate: estimate, interval: interval, margin: margins.accuracyDrop, significantLoss: significant)
        let more = reading == .undecided
            ? Self.more(DecisionHorizon.pairedProportions(a: table.bothRight, b: table.baselineOnly, c: table.variantOnly, d: table.bothWrong),
                        margin: margins.accuracyDrop)
            : nil
        return CriterionOutcome(name: .accuracyDrop, estimate: estimate, interval: interval, margin: margins.accuracyDrop,
                                reading: reading, n: n, unit: "questions",
                                method: "Newcombe 1998 method 10 (paired), exact McNemar", pValue: p, moreToDecide: more,
                                censusCount: table.baselineOnly,
                                canReadWithin: SuiteSize.canReadWithin(questions: n, margin: margins.accuracyDrop))
    }

    /// Below this many questions whose recall changed, the percentile bootstrap has almost no
    /// spread to resample and under-covers; the interval is widened (``recallDrop``).
    static let fewChangedQuestions = 5

    /// - Parameter lost: the census's stated facts lost on the user's own wordings; without a
    ///   census, the questions whose recall dropped stand in.
    private func recallDrop(_ differences: [[Double]], lost: Int?) -> CriterionOutcome? {
        let clusters = differences.filter { !$0.isEmpty }
        guard !clusters.isEmpty else { return nil }
        let n = clusters.count
        let margin = margins.keyFactRecallDrop
        let values = clusters.flatMap(\.self)
        let estimate = values.reduce(0, +) / Double(values.count)
        let bootstrap = ClusterBootstrap(replicates: replicates, seed: seed).pooledMean(clusters)?.interval ?? Interval(lower: estimate, upper: estimate)
        let changed = clusters.map { $0.reduce(0, +) / Double($0.count) }.filter { $0 != 0 }
        var interval = bootstrap
        var method = "percentile cluster bootstrap over questions (\(replicates) resamples, seeded; Field and Welsh 2007)"
        if changed.count < Self.fewChangedQuestions {
            // Any question not seen to change could lose all of its facts, so the bound takes the
            // largest change a question can show (1), not the largest seen: a few small changes
            // must not read narrower than none.
            let bound = WilsonInterval.interval(successes: Double(changed.count), trials: Double(n))?.upper ?? 1
            interval = Interval(lower: min(bootstrap.lower, -bound), upper: max(bootstrap.upper, bound))
            method += changed.isEmpty
                ? "; no question changed, so ± the Wilson upper bound of 0 changed of \(n) questions"
                : "; only \(changed.count) question\(changed.count == 1 ? "" : "s") changed, so widened to ± the Wilson upper bound of \(changed.count) of \(n) questions"
        }
        let reading = CriterionReading.read(interval: interval, margin: margin)
        let more = reading == .undecided
            ? Self.more(DecisionHorizon.normalScaling(estimate: estimate, interval: interval, n: n), margin: margin)
            : nil
        return CriterionOutcome(name: .keyFactRecallDrop, estimate: estimate, interval: interval, margin: margin, reading: reading,
                                n: n, unit: "questions", method: method, moreToDecide: more,
                                censusCount: lost ?? changed.filter { $0 > 0 }.count, canReadWithin: SuiteSize.canReadWithin(questions: n, margin: margin))
    }

    /// - Parameter turnedWrong: the census's answers turned from right to wrong (a wrong answer
    ///   turned right is a change but no loss); without a census, every flip stands in.
    private func flipsOutcome(flipped: Int, questions: Int, floor: Double, turnedWrong: Int?) -> CriterionOutcome {
        let margin = margins.flips + floor
        let estimate = Double(flipped) / Double(questions)
        let interval = WilsonInterval.interval(successes: Double(flipped), trials: Double(questions))
            ?? Interval(lower: estimate, upper: estimate)
        let reading = CriterionReading.read(interval: interval, margin: margin)
        let more = reading == .undecided ? Self.more(DecisionHorizon.proportion(successes: flipped, trials: questions), margin: margin) : nil
        return CriterionOutcome(name: .flips, estimate: estimate, interval: interval, margin: margin, reading: reading, n: questions,
                                unit: "questions",
                                method: floor > 0 ? String(format: "Wilson 1927; margin includes the noise floor %.3f", floor) : "Wilson 1927",
                                moreToDecide: more, censusCount: turnedWrong ?? flipped,
                                canReadWithin: SuiteSize.canReadWithin(questions: questions, margin: margin))
    }

    private func factsAtRisk(_ facts: (atRisk: Int, probed: Int, questions: Int)) -> CriterionOutcome {
        let margin = margins.factsAtRisk
        let share = Double(facts.atRisk) / Double(facts.probed)
        let effective = Double(max(1, facts.questions))
        let interval = WilsonInterval.interval(successes: share * effective, trials: effective) ?? Interval(lower: share, upper: share)
        let reading = CriterionReading.read(interval: interval, margin: margin)
        let more = reading == .undecided ? Self.more(DecisionHorizon.proportion(share: share, trials: facts.questions), margin: margin) : nil
        return CriterionOutcome(name: .factsAtRisk, estimate: share, interval: interval, margin: margin, reading: reading,
                                n: facts.questions, unit: "questions",
                                method: "\(facts.atRisk) of \(facts.probed) facts; Wilson 1927 at the \(facts.questions) questions they come from (Kish design effect, correlation 1)",
                                moreToDecide: more, censusCount: facts.atRisk,
                                canReadWithin: SuiteSize.canReadWithin(questions: facts.questions, margin: margin))
    }

    private func kld(_ estimate: MeanEstimate, name: CriterionName, margin: Double) -> CriterionOutcome {
        let interval = estimate.interval95
        let reading = CriterionReading.read(interval: interval, margin: margin)
        // The standard error shrinks as 1/√tokens and the tokens grow with the questions, so the
        // horizon is the same counted in either; questions are what a user can add.
        let n = estimate.questions ?? estimate.n
        let more = reading == .undecided && n > 0
            ? Self.more(DecisionHorizon.normalScaling(estimate: estimate.mean, interval: interval, n: n), margin: margin)
            : nil
        let tokens = estimate.questions.map { _ in ", over \(estimate.n) scored tokens" } ?? ""
        let method = estimate.isOverChunks
            ? "Student t over the mean KLD of each of llama-perplexity's \(estimate.chunkMeans?.count ?? 0) chunks (batch means, Schmeiser 1982; skew-corrected, Hall 1992)\(tokens)"
            : "mean ± 1.96 × llama-perplexity's standard error over tokens (too narrow: tokens are not independent; chunk means unknown)\(tokens)"
        return CriterionOutcome(name: name, estimate: estimate.mean, interval: interval, margin: margin, reading: reading,
                                n: n, unit: estimate.questions == nil ? "tokens" : "questions", method: method, moreToDecide: more,
                                isOverUnits: estimate.isOverChunks)
    }

    /// Further samples beyond the observed ones that would decide, or nil when none up to the
    /// horizon's cap would.
    private static func more(_ horizon: DecisionHorizon?, margin: Double) -> Int? {
        guard let horizon, let decision = horizon.decision(margin: margin) else { return nil }
        return decision.questions - horizon.observed
    }
}
