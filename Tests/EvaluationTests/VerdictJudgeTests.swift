import Testing
@testable import Evaluation

@Suite struct VerdictJudgeTests {
    let judge = VerdictJudge(margins: VerdictMargins(accuracyDrop: 0.05, keyFactRecallDrop: 0.05, flips: 0.10, factsAtRisk: 0.05,
                                                     domainKLDMean: 0.05, kldMean: 0.10))

    /// Chunk means of a small, steady divergence: Student t over them lies well inside 0.05.
    static let tinyDivergence = MeanEstimate(mean: 0.0021, standardError: 0.0001, n: 2000, questions: 24,
                                             chunkMeans: [0.0018, 0.0025, 0.0020, 0.0023, 0.0017, 0.0022, 0.0019, 0.0024])

    /// 24 questions, 20 right on the baseline, every answer as the baseline's.
    static func cleanSuite(questions: Int = 24, right: Int = 20) -> VerdictEvidence {
        VerdictEvidence(correctness: PairedCorrectness(bothRight: right, baselineOnly: 0, variantOnly: 0, bothWrong: questions - right),
                        recallDifferences: Array(repeating: [0.0], count: questions), flips: (0, questions),
                        factsAtRisk: (atRisk: 0, probed: 2 * questions, questions: questions),
                        census: SuiteCensus(questions: questions, forms: questions * 5, factsStated: 2 * questions * 5))
    }

    @Test func aCleanCensusAndATinyDivergenceAreCloseAt24Questions() {
        var evidence = Self.cleanSuite()
        evidence.domainKLD = Self.tinyDivergence
        let verdict = judge.judge(evidence)
        #expect(verdict.status == .close, "\(verdict.summary)")
        // The shares cannot read within at 24 questions; the census settles them.
        let recall = verdict.criteria.first { $0.name == .keyFactRecallDrop }
        #expect(recall?.reading == .undecided)
        #expect(recall?.isSettled == true)
        #expect(recall?.canReadWithin == false)
        #expect(verdict.summary.hasPrefix("CLOSE: on these 24 questions no stated key fact lost"))
        #expect(verdict.limit?.hasPrefix("beyond these 24 questions, up to 12 % of questions could lose a fact or turn wrong unseen") == true,
                "\(String(describing: verdict.limit))")
        #expect(verdict.moreToDecide == nil)
    }

    @Test func anUnchangedSuiteWithoutADomainDivergenceCannotProveCloseness() {
        // Answers alone (`score --baseline`): nothing carries closeness beyond the 24 questions.
        let verdict = judge.judge(Self.cleanSuite())
        #expect(verdict.status == .unsure)
        let recall = verdict.criteria.first { $0.name == .keyFactRecallDrop }
        // No spread to bootstrap: ± the Wilson bound of 0 changed of 24 (0.138) instead of [0, 0].
        #expect(recall.map { abs($0.interval.upper - 0.1380) < 0.001 } == true, "\(String(describing: recall))")
        #expect(verdict.summary.hasPrefix("UNSURE: no domain KLD to carry closeness beyond these 24 questions"), "\(verdict.summary)")
        #expect(verdict.moreToDecide.map { $0 > 0 } == true)
    }

    @Test func aDomainKLDReadOnlyOverTokensCannotCarryClosenessBeyondTheSuite() {
        // A record without the chunk table: llama-perplexity's ± over tokens, too narrow.
        var evidence = Self.cleanSuite()
        evidence.domainKLD = MeanEstimate(mean: 0.0021, standardError: 0.0001, n: 2000, questions: 24)
        let verdict = judge.judge(evidence)
        #expect(verdict.criteria.first { $0.name == .domainKLDMean }?.reading == .within)
        #expect(!verdict.divergenceWithin)
        #expect(verdict.status == .unsure, "\(verdict.summary)")
    }

    @Test func aGenericKLDAloneIsNeverClose() {
        let verdict = judge.judge(VerdictEvidence(kld: MeanEstimate(mean: 0.001, standardError: 0.0001, n: 4000,
                                                                    chunkMeans: [0.001, 0.0012, 0.0009, 0.0011])))
        #expect(verdict.criteria.first?.reading == .within)
        #expect(verdict.status == .unsure)
    }

    @Test func oneStatedFactLostIsNeverClose() {
        for questions in [24, 400] {
            var evidence = Self.cleanSuite(questions: questions, right: questions * 5 / 6)
            evidence.domainKLD = Self.tinyDivergence
            evidence.recallDifferences?[3] = [0.5]
            evidence.census?.questionsChanged = 1
            evidence.census?.factsLost = [SuiteCensus.LostFact(questionID: "cisplatin", form: "paraphrase:0", fact: "300.05 g/mol")]
            let verdict = judge.judge(evidence)
            #expect(verdict.status == .unsure, "\(questions): \(verdict.summary)")
            #expect(verdict.summary.contains("1 stated key fact lost on these questions (cisplatin: 300.05 g/mol)"))
            #expect(verdict.moreToDecide == nil, "more questions cannot bring a lost fact back")
        }
    }

    @Test func aDivergenceOnTheMarginIsUnsure() {
        var evidence = Self.cleanSuite()
        evidence.domainKLD = MeanEstimate(mean: 0.05, standardError: 0.001, n: 2000, questions: 24,
                                          chunkMeans: [0.041, 0.058, 0.047, 0.055, 0.044, 0.057, 0.049, 0.049])
        let verdict = judge.judge(evidence)
        #expect(verdict.status == .unsure)
        #expect(verdict.binding?.name == .domainKLDMean)
        #expect(verdict.summary.hasPrefix("UNSURE: domain KLD 0.0500"))
    }

    @Test func aSignificantPairedLossIsRejected() {
        // 8 of 20 right answers turned wrong, none the other way: McNemar p = 0.008.
        var evidence = Self.cleanSuite()
        evidence.correctness = PairedCorrectness(bothRight: 12, baselineOnly: 8, variantOnly: 0, bothWrong: 4)
        evidence.flips = (8, 24)
        evidence.domainKLD = Self.tinyDivergence
        evidence.census?.rightToWrong = (0..<8).map { "q\($0)" }
        let verdict = judge.judge(evidence)
        #expect(verdict.status == .rejected, "\(verdict.summary)")
        #expect(verdict.criteria.first { $0.name == .accuracyDrop }?.reading == .beyond)
    }

    @Test func anAnswerTurnedWrongKeepsASmallSuiteUnsure() {
        var evidence = Self.cleanSuite()
        evidence.correctness = PairedCorrectness(bothRight: 19, baselineOnly: 1, variantOnly: 0, bothWrong: 4)
        evidence.flips = (1, 24)
        evidence.domainKLD = Self.tinyDivergence
        evidence.census?.rightToWrong = ["q7"]
        let verdict = judge.judge(evidence)
        #expect(verdict.status == .unsure, "\(verdict.summary)")
        #expect(verdict.binding?.name == .accuracyDrop)
    }

    @Test func aDivergenceReadOverChunksUsesStudentT() {
        let estimate = MeanEstimate(mean: 0.002, standardError: 0.00001, n: 2000, chunkMeans: [0.001, 0.002, 0.003])
        // mean 0.002, s = 0.001, t(0.975, 2) = 4.3027: ± 0.002484, clamped at 0 below.
        #expect(abs(estimate.interval95.upper - 0.0044841) < 1e-6)
        #expect(estimate.interval95.lower == 0)
        let outcome = judge.judge(VerdictEvidence(kld: estimate)).criteria.first
        #expect(outcome?.method.hasPrefix("Student t over the mean KLD of each of llama-perplexity's 3 chunks") == true)
    }

    @Test func aFewChangedQuestionsWidenTheRecallIntervalBeyondWhatTheBootstrapSees() {
        // One question lost a fifth of its facts, another gained as much: the pooled drop is 0
        // and resampling 24 questions sees little spread, yet two changes in 24 questions
        // cannot show that recall moves by less than 0.05.
        var differences = Array(repeating: [0.0], count: 22)
        differences += [[0.2], [-0.2]]
        let recall = judge.judge(VerdictEvidence(recallDifferences: differences)).criteria.first
        // A question can change by up to 1, so the bound is Wilson's upper bound of 2 of 24 itself.
        let twoOf24 = 0.2585
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
        #expect(verdict.criteria.allSatisfy { $0.reading == .within })
        #expect(verdict.limit == nil, "every share was read on its interval")
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
