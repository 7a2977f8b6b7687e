import Testing
@testable import Evaluation

@Suite struct VerdictJudgeTests {
    let judge = VerdictJudge(margins: VerdictMargins(accuracyDrop: 0.05, keyFactRecallDrop: 0.05, flips: 0.10, factsAtRisk: 0.05,
                                                     domainKLDMean: 0.05, kldMean: 0.10))

    @Test func anUnchangedSuiteOf24QuestionsCannotProveCloseness() {
        let verdict = judge.judge(VerdictEvidence(
            correctness: PairedCorrectness(bothRight: 20, baselineOnly: 0, variantOnly: 0, bothWrong: 4),
            recallDifferences: Array(repeating: [0.0], count: 24), flips: (0, 24)))
        #expect(verdict.status == .unsure)
        let recall = verdict.criteria.first { $0.name == .keyFactRecallDrop }
        // No spread to bootstrap: ± the Wilson bound of 0 changed of 24 (0.138) instead of [0, 0].
        #expect(recall.map { abs($0.interval.upper - 0.1380) < 0.001 } == true, "\(String(describing: recall))")
        #expect(recall?.reading == .undecided)
        #expect(verdict.summary.hasPrefix("UNSURE: "))
        #expect(verdict.moreToDecide.map { $0 > 0 } == true)
    }

    @Test func aFewChangedQuestionsWidenTheRecallIntervalBeyondWhatTheBootstrapSees() {
        // One question lost a fifth of its facts, another gained as much: the pooled drop is 0
        // and resampling 24 questions sees little spread, yet two changes in 24 questions
        // cannot show that recall moves by less than 0.05.
        var differences = Array(repeating: [0.0], count: 22)
        differences += [[0.2], [-0.2]]
        let recall = judge.judge(VerdictEvidence(recallDifferences: differences)).criteria.first
        let twoOf24 = 0.2 * 0.2585
        #expect(recall.map { abs($0.interval.upper - twoOf24) < 0.001 } == true, "\(String(describing: recall))")
        #expect(recall?.reading == .undecided)
        #expect(recall?.method.contains("only 2 questions changed") == true)
    }

    @Test func theSameAgreementOver400QuestionsIsClose() {
        let verdict = judge.judge(VerdictEvidence(
            correctness: PairedCorrectness(bothRight: 360, baselineOnly: 0, variantOnly: 0, bothWrong: 40),
            recallDifferences: Array(repeating: [0.0], count: 400), flips: (0, 400),
            factsAtRisk: (atRisk: 0, probed: 700, questions: 400),
            domainKLD: MeanEstimate(mean: 0.002, standardError: 0.0002, n: 800),
            kld: MeanEstimate(mean: 0.01, standardError: 0.001, n: 4000)))
        #expect(verdict.status == .close, "\(verdict.criteria.map(\.line))")
        #expect(verdict.criteria.map(\.name) == [.accuracyDrop, .keyFactRecallDrop, .flips, .factsAtRisk, .domainKLDMean, .kldMean])
        #expect(verdict.moreToDecide == nil)
    }

    @Test func oneCriterionBeyondRejectsWhateverTheOthersSay() {
        let verdict = judge.judge(VerdictEvidence(
            correctness: PairedCorrectness(bothRight: 360, baselineOnly: 0, variantOnly: 0, bothWrong: 40), flips: (0, 400),
            kld: MeanEstimate(mean: 0.40, standardError: 0.01, n: 4000)))
        #expect(verdict.status == .rejected)
        #expect(verdict.summary.contains("generic KLD 0.4000"))
    }

    @Test func factsAtRiskOfOneQuestionWeighAsOneQuestion() {
        // 4 of 30 facts at risk, from 10 questions: read as 30 independent facts the share
        // (Wilson [0.053, 0.297]) would be beyond 0.05; at the 10 questions it is undecided.
        let verdict = judge.judge(VerdictEvidence(factsAtRisk: (atRisk: 4, probed: 30, questions: 10)))
        let risk = verdict.criteria.first
        #expect(risk.map { abs($0.estimate - 4.0 / 30) < 1e-12 } == true)
        #expect(risk?.n == 10)
        #expect(risk.map { $0.interval.lower < 0.05 } == true, "\(String(describing: risk))")
        #expect(risk?.reading == .undecided)
    }

    @Test func aFailedCheckKeepsAnOtherwiseCloseVariantUnsure() {
        let verdict = judge.judge(VerdictEvidence(kld: MeanEstimate(mean: 0.001, standardError: 0.0001, n: 4000),
                                                  failedChecks: ["context: the server runs 512 tokens per slot, the recipe 2048"]))
        #expect(verdict.status == .unsure)
        #expect(verdict.summary == "UNSURE: context: the server runs 512 tokens per slot, the recipe 2048")
    }

    @Test func noEvidenceIsNeverClose() {
        #expect(judge.judge(VerdictEvidence()).status == .unsure)
    }
}
