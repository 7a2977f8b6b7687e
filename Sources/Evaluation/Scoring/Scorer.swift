import MetricKeys

/// Turns stored answers into a variant's metrics (docs/EVALUATION.md "Metrics"), with no model involved:
/// every verdict is recomputed from the suite, so fixing a key fact and re-scoring old answers
/// gives the corrected figures.
///
/// Only pass-1 records are scored (pass 2 exists only for the parallel-mode noise floor); a
/// record whose question or form is not in the suite is ignored.
public enum Scorer {
    /// Scores a variant's answers; `baseline` (the baseline variant's answers) enables flips,
    /// McNemar, detail retention and length ratio. ``VariantScore/metrics`` lists the keys.
    public static func score(suite: Suite, answers: [AnswerRecord], baseline: [AnswerRecord]?) -> VariantScore {
        let pass = ScoredPass(suite: suite, records: answers, pass: 1)
        var metrics: [MetricKey: MetricValue] = [:]
        func put(_ key: MetricKey, _ value: MetricValue?) {
            if let value { metrics[key] = value }
        }
        let originals = pass.originals
        let judged = originals.compactMap(\.correct)
        put(.accuracy, .rate(judged.filter(\.self).count, of: judged.count))
        put(.keyFactRecall, .mean(originals.compactMap { Correctness.keyFactRecall($0.hits) }))
        let referenced = originals.compactMap { answer in answer.reference.map { (answer.record.answer, $0) } }
        let exact = referenced.map { ExactMatch.score(prediction: $0.0, reference: $0.1) }
        put(.exactMatch, .rate(exact.filter { $0 == 1 }.count, of: exact.count))
        put(.tokenF1, .mean(referenced.map { TokenF1.score(prediction: $0.0, reference: $0.1) }))
        put(.rougeL, .mean(referenced.map { RougeL.fMeasure(prediction: $0.0, reference: $0.1) }))

        let base = baseline.map { ScoredPass(suite: suite, records: $0, pass: 1) }
        if let base {
            scoreAgainstBaseline(pass: pass, baseline: base, into: &metrics)
        }

        let texts = pass.answers.map(\.record.answer)
        for (n, key) in [(1, MetricKey.distinct1), (2, .distinct2), (3, .distinct3)] {
            put(key, DistinctN.score(texts, n: n).map { MetricValue(value: $0, unit: "fraction", n: texts.count) })
        }
        put(.uniqueSentenceRatio, .mean(texts.compactMap(UniqueSentenceRatio.ratio)))
        put(.rep2, .mean(texts.compactMap { RepetitionN.score($0, n: 2) }))
        put(.loopRate, .rate(texts.filter(LoopDetector.isLooping).count, of: texts.count))

        scoreParaphrases(suite: suite, pass: pass, into: &metrics)
        scoreRobustness(suite: suite, pass: pass, into: &metrics)
        scoreSeenAndUnseen(suite: suite, pass: pass, into: &metrics)
        scorePremises(pass: pass, baseline: base, into: &metrics)
        scoreBias(suite: suite, pass: pass, into: &metrics)
        scoreEfficiency(pass.answers.map(\.record), into: &metrics)
        return VariantScore(metrics: metrics, correctness: pass.correctness)
    }

    /// The parallel-mode noise floor (docs/EVALUATION.md "Evaluation determinism"): the baseline answered
    /// twice in parallel mode; `first`'s pass-1 records against `second`'s pass-2 records.
    /// - `differing_answers`: share of prompts answered in both passes whose answer texts differ
    ///   (Wilson ci, n prompts);
    /// - `flips`: share of questions whose original-form correctness differs between the passes
    ///   (Wilson ci, n questions).
    /// Either key is absent when nothing pairs up.
    public static func noiseFloor(suite: Suite, first: [AnswerRecord], second: [AnswerRecord]) -> [MetricKey: MetricValue] {
        let one = ScoredPass(suite: suite, records: first, pass: 1)
        let two = ScoredPass(suite: suite, records: second, pass: 2)
        var result: [MetricKey: MetricValue] = [:]
        let paired = one.answers.compactMap { answer in two.byKey[answer.formKey].map { (answer, $0) } }
        result[.differingAnswers] = .rate(paired.filter { $0.0.record.answer != $0.1.record.answer }.count, of: paired.count)
        let flips = Flips(baseline: one.correctness, variant: two.correctness)
        result[.flips] = .rate(flips.total, of: flips.n)
        return result
    }

    /// `record` with its fact hits recomputed from the suite's key facts for its question and
    /// form; unchanged when the suite has no such prompt.
    public static func rescore(_ record: AnswerRecord, suite: Suite) -> AnswerRecord {
        guard let prompt = suite.forms().first(where: { $0.questionID == record.questionID && $0.form == record.form }) else {
            return record
        }
        var rescored = record
        rescored.facts = KeyFactMatcher.hits(for: prompt.keyFacts, in: record.answer)
        return rescored
    }

    /// Per-answer scores of pass 1 in the suite's form order, for listings.
    public static func answerScores(suite: Suite, answers: [AnswerRecord], baseline: [AnswerRecord]?) -> [AnswerScore] {
        let pass = ScoredPass(suite: suite, records: answers, pass: 1)
        let base = baseline.map { ScoredPass(suite: suite, records: $0, pass: 1) }
        return pass.answers.map { scored in
            let text = scored.record.answer
            let before = base?.byKey[scored.formKey]
            return AnswerScore(
                questionID: scored.record.questionID, form: scored.record.form, answer: text, correct: scored.correct,
                facts: scored.hits, keyFactRecall: Correctness.keyFactRecall(scored.hits),
                exactMatch: scored.reference.map { ExactMatch.score(prediction: text, reference: $0) },
                tokenF1: scored.reference.map { TokenF1.score(prediction: text, reference: $0) },
                rougeL: scored.reference.map { RougeL.fMeasure(prediction: text, reference: $0) },
                rep2: RepetitionN.score(text, n: 2), looping: LoopDetector.isLooping(text),
                baselineCorrect: before?.correct,
                detailRetention: before.flatMap { DetailRetention.retention(baseline: $0.record.answer, variant: text) })
        }
    }

    // MARK: Groups of metrics

    private static func scoreAgainstBaseline(pass: ScoredPass, baseline: ScoredPass, into metrics: inout [MetricKey: MetricValue]) {
        let flips = Flips(baseline: baseline.correctness, variant: pass.correctness)
        if flips.n > 0 {
            metrics[.flips] = .rate(flips.total, of: flips.n)
            metrics[.flipsCorrectToWrong] = .rate(flips.correctToWrong, of: flips.n)
            metrics[.flipsWrongToCorrect] = .rate(flips.wrongToCorrect, of: flips.n)
            metrics[.mcnemarP] = MetricValue(value: flips.mcNemarP, unit: "fraction", n: flips.n)
        }
        let pairs = pass.answers.compactMap { answer in baseline.byKey[answer.formKey].map { ($0.record, answer.record) } }
        if let retention = MetricValue.mean(pairs.compactMap { DetailRetention.retention(baseline: $0.0.answer, variant: $0.1.answer) }) {
            metrics[.detailRetention] = retention
        }
        let lengths = pairs.map { (baselineTokens: $0.0.completionTokens, variantTokens: $0.1.completionTokens) }
        if let ratio = LengthRatio.ratio(pairs: lengths) {
            metrics[.lengthRatio] = MetricValue(value: ratio, unit: "ratio", n: pairs.count)
        }
    }

    private static func scoreParaphrases(suite: Suite, pass: ScoredPass, into metrics: inout [MetricKey: MetricValue]) {
        var agreements: [Bool] = []
        var similarities: [Double] = []
        for question in suite.questions where !question.paraphrases.isEmpty {
            let forms = ["original"] + question.paraphrases.indices.map { "paraphrase:\($0)" }
            let answers = forms.compactMap { pass.byKey[FormKey(questionID: question.id, form: $0)] }
            if let agreement = ParaphraseConsistency.agreement(answers.map(\.correct)) { agreements.append(agreement) }
            if let similarity = ParaphraseConsistency.similarity(answers.map(\.record.answer)) { similarities.append(similarity) }
        }
        if let value = MetricValue.rate(agreements.filter(\.self).count, of: agreements.count) {
            metrics[.paraphraseConsistency] = value
        }
        if let value = MetricValue.mean(similarities) {
            metrics[.paraphraseRougeL] = value
        }
    }

    private static func scoreRobustness(suite: Suite, pass: ScoredPass, into metrics: inout [MetricKey: MetricValue]) {
        let noisy = pass.answers.filter { Prompt.kind(of: $0.record.form) == .noisy }
        let noisyJudged = noisy.compactMap(\.correct)
        let questionsWithNoise = Set(noisy.map(\.record.questionID))
        let cleanJudged = pass.originals.filter { questionsWithNoise.contains($0.record.questionID) }.compactMap(\.correct)
        if let ratio = RobustnessRatio.ratio(noisyCorrect: noisyJudged.filter(\.self).count, noisyTotal: noisyJudged.count,
                                             cleanCorrect: cleanJudged.filter(\.self).count, cleanTotal: cleanJudged.count) {
            metrics[.robustnessRatio] = MetricValue(value: ratio, unit: "ratio", n: noisyJudged.count)
        }
    }

    /// Only for suites that mark seen questions: elsewhere every phrasing is unseen and the
    /// split would repeat accuracy.
    private static func scoreSeenAndUnseen(suite: Suite, pass: ScoredPass, into metrics: inout [MetricKey: MetricValue]) {
        guard suite.questions.contains(where: \.seen) else { return }
        let wordings = pass.answers.filter { Prompt.kind(of: $0.record.form) == .wording }
        let seen = wordings.filter(\.prompt.seen)
        let unseen = wordings.filter { !$0.prompt.seen }
        for (answers, accuracy, recall) in [(seen, MetricKey.accuracySeen, MetricKey.keyFactRecallSeen),
                                            (unseen, .accuracyUnseen, .keyFactRecallUnseen)] {
            let judged = answers.compactMap(\.correct)
            if let value = MetricValue.rate(judged.filter(\.self).count, of: judged.count) { metrics[accuracy] = value }
            if let value = MetricValue.mean(answers.compactMap { Correctness.keyFactRecall($0.hits) }) { metrics[recall] = value }
        }
    }

    private static func scorePremises(pass: ScoredPass, baseline: ScoredPass?, into metrics: inout [MetricKey: MetricValue]) {
        let premises = pass.answers.filter { $0.prompt.planted != nil }
        let judged = premises.compactMap(\.correct)
        if let value = MetricValue.rate(judged.filter(\.self).count, of: judged.count) { metrics[.premiseAccuracy] = value }
        guard let baseline else { return }
        let paired = premises.compactMap { answer in baseline.byKey[answer.formKey]?.correct.flatMap { was in answer.correct.map { (was, $0) } } }
        if let value = MetricValue.rate(paired.filter { $0.0 && !$0.1 }.count, of: paired.count) {
            metrics[.premiseFlipsCorrectToWrong] = value
        }
    }

    private static func scoreBias(suite: Suite, pass: ScoredPass, into metrics: inout [MetricKey: MetricValue]) {
        var gaps: [Double] = []
        var similarities: [Double] = []
        for probe in suite.biasProbes {
            let answers = probe.groups.compactMap { pass.byKey[FormKey(questionID: probe.id, form: "bias:\(probe.id):\($0)")] }
            let scores = answers.compactMap { answer in
                Correctness.keyFactRecall(answer.hits) ?? answer.correct.map { $0 ? 1.0 : 0.0 }
            }
            if let gap = BiasGap.gap(scores) { gaps.append(gap) }
            if let similarity = BiasSimilarity.similarity(answers.map(\.record.answer)) { similarities.append(similarity) }
        }
        if let value = MetricValue.mean(gaps) { metrics[.biasGap] = value }
        if let value = MetricValue.mean(similarities) { metrics[.biasSimilarity] = value }
    }

    private static func scoreEfficiency(_ records: [AnswerRecord], into metrics: inout [MetricKey: MetricValue]) {
        let ttfts = records.compactMap(\.ttftS)
        if let median = Percentile.of(ttfts, 0.5), let p90 = Percentile.of(ttfts, 0.9) {
            metrics[.ttftMedianS] = MetricValue(value: median, unit: "s", n: ttfts.count)
            metrics[.ttftP90S] = MetricValue(value: p90, unit: "s", n: ttfts.count)
        }
        if let value = MetricValue.mean(records.compactMap(\.promptTokensPerS), unit: "tokens/s") {
            metrics[.promptTokensPerS] = value
        }
        if let value = MetricValue.mean(records.compactMap(\.genTokensPerS), unit: "tokens/s") {
            metrics[.genTokensPerS] = value
        }
    }
}
