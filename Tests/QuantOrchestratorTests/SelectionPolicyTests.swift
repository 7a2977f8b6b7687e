import Evaluation
import Testing
@testable import QuantOrchestrator

@Suite struct SelectionPolicyTests {
    let baseline = VariantMeasurements(quantType: "F16", sizeBytes: 270_000_000, evidence: VerdictEvidence())

    /// A variant over `questions` questions the baseline all got right, `lost` of them now wrong,
    /// with a generic KLD of `kld` ± `kldError` over 4000 tokens.
    func variant(_ name: String, size: Int, questions: Int = 400, lost: Int = 0, kld: Double = 0.01, kldError: Double = 0.001,
                 checks: [String] = [], memory: Int? = nil) -> VariantMeasurements {
        let table = PairedCorrectness(bothRight: questions - lost, baselineOnly: lost, variantOnly: 0, bothWrong: 0)
        return VariantMeasurements(quantType: name, sizeBytes: size, peakRSSBytes: memory,
                                   evidence: VerdictEvidence(correctness: table, flips: (lost, questions),
                                                             kld: MeanEstimate(mean: kld, standardError: kldError, n: 4000),
                                                             failedChecks: checks))
    }

    @Test func picksTheSmallestCloseVariant() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let decision = policy.decide([
            variant("Q8_0", size: 145_000_000),
            variant("Q4_K_M", size: 105_000_000, kld: 0.04),
            variant("Q2_K", size: 88_000_000, lost: 80, kld: 0.41),
        ], baseline: baseline)
        #expect(decision.verdicts["Q8_0"]?.status == .close)
        #expect(decision.verdicts["Q4_K_M"]?.status == .close)
        #expect(decision.verdicts["Q2_K"]?.status == .rejected)
        #expect(decision.selected == "Q4_K_M")
        #expect(decision.why.contains("Q2_K REJECTED"))
        #expect(decision.notes.isEmpty)
    }

    @Test func aSmallSuiteLeavesEveryVariantUnsureAndNamesTheClosest() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let decision = policy.decide([
            variant("Q8_0", size: 145_000_000, questions: 24),
            variant("Q5_K_M", size: 120_000_000, questions: 24, lost: 2),
        ], baseline: baseline)
        #expect(decision.selected == nil)
        #expect(decision.verdicts["Q8_0"]?.status == .unsure)
        #expect(decision.closestUnsure == "Q8_0")
        let more = decision.verdicts["Q8_0"]?.moreToDecide
        #expect(more.map { $0 > 0 && $0 < 1000 } == true, "\(String(describing: more))")
        #expect(decision.why.contains("keep the baseline F16"))
        #expect(decision.why.contains("more questions"))
    }

    @Test func aVariantNotAskedTheSuiteIsNeverCloseNorTheClosestUnsure() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        var skipped = VariantMeasurements(quantType: "Q4_K_M", sizeBytes: 105_000_000,
                                          evidence: VerdictEvidence(kld: MeanEstimate(mean: 0.01, standardError: 0.001, n: 4000)))
        skipped.evidence.notEvaluated = "the larger Q6_K is not CLOSE"
        var rejected = skipped
        rejected.quantType = "Q5_K_M"
        rejected.sizeBytes = 120_000_000
        rejected.evidence.kld = MeanEstimate(mean: 0.173, standardError: 0.004, n: 4000)
        let decision = policy.decide([variant("Q6_K", size: 130_000_000, questions: 24), rejected, skipped], baseline: baseline)
        #expect(decision.verdicts["Q4_K_M"]?.status == .unsure, "its KLD alone is within, yet it was not asked the suite")
        #expect(decision.verdicts["Q4_K_M"]?.summary == "UNSURE: not evaluated: the larger Q6_K is not CLOSE")
        #expect(decision.verdicts["Q5_K_M"]?.status == .rejected)
        #expect(decision.selected == nil && decision.closestUnsure == "Q6_K")
        #expect(decision.notes.contains { $0.contains("the smaller Q4_K_M is UNSURE (not evaluated)") }, "\(decision.notes)")
    }

    @Test func aLargerRejectedVariantAboveTheSelectedOneIsNamed() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let decision = policy.decide([
            variant("Q5_K_M", size: 120_000_000, kld: 0.173, kldError: 0.004),
            variant("Q4_K_M", size: 105_000_000, kld: 0.057, kldError: 0.002),
        ], baseline: baseline)
        #expect(decision.selected == "Q4_K_M")
        #expect(decision.notes.count == 1)
        #expect(decision.notes.first?.contains("the larger Q5_K_M is REJECTED") == true)
    }

    @Test func theBudgetFiltersCloseVariantsAndNamesTheBestThatFits() {
        var acceptance = Recipe.Acceptance()
        acceptance.maxSizeBytes = 100_000_000
        let policy = SelectionPolicy(acceptance: acceptance, noiseFloorFlips: nil)
        let decision = policy.decide([
            variant("Q8_0", size: 145_000_000),
            variant("Q2_K", size: 88_000_000, lost: 80, kld: 0.41),
        ], baseline: baseline)
        #expect(decision.selected == nil)
        #expect(decision.ineligible["Q8_0"]?.contains("over max_size") == true)
        #expect(decision.notes.first?.contains("The best variant that fits is Q2_K, REJECTED") == true)
    }

    @Test func memoryOverTheBudgetIsNotSelected() {
        var acceptance = Recipe.Acceptance()
        acceptance.maxMemoryBytes = 500_000_000
        let policy = SelectionPolicy(acceptance: acceptance, noiseFloorFlips: nil)
        let decision = policy.decide([
            variant("Q8_0", size: 145_000_000, memory: 600_000_000),
            variant("Q6_K", size: 125_000_000, memory: 400_000_000),
        ], baseline: baseline)
        #expect(decision.selected == "Q6_K")
    }

    @Test func aFailedServerCheckKeepsAVariantUnsure() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let verdict = policy.judge(variant("Q8_0", size: 1, checks: ["chat_template: the GGUF carries no chat template"]))
        #expect(verdict.status == .unsure)
        #expect(verdict.summary.contains("chat_template"))
    }

    @Test func flipsAreReadAgainstTheNoiseFloorInParallelMode() {
        let candidate = variant("Q5_K_M", size: 1, lost: 60)
        let strict = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil).judge(candidate)
        let withFloor = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: 0.2).judge(candidate)
        #expect(strict.criteria.first { $0.name == .flips }?.reading != .within)
        #expect(withFloor.criteria.first { $0.name == .flips }?.reading == .within)
    }

    @Test func aVariantNotSmallerThanTheBaselineOrAnEndpointIsNeverSelected() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        var endpoint = variant("served", size: 1)
        endpoint.isEndpoint = true
        let decision = policy.decide([variant("F32", size: 540_000_000), endpoint], baseline: baseline)
        #expect(decision.verdicts["F32"]?.status == .close)
        #expect(decision.selected == nil)
        #expect(decision.ineligible["F32"]?.contains("not smaller") == true)
        #expect(decision.ineligible["served"]?.contains("endpoint") == true)
    }
}
