import Testing
@testable import QuantOrchestrator

@Suite struct SelectionPolicyTests {
    let baseline = VariantMeasurements(quantType: "F16", sizeBytes: 270_000_000, accuracy: 0.9, keyFactRecall: 0.95,
                                       flips: nil, mcnemarP: nil, kldMean: nil)

    func variant(_ name: String, size: Int, accuracy: Double, recall: Double, flips: Double, kld: Double, p: Double = 1) -> VariantMeasurements {
        VariantMeasurements(quantType: name, sizeBytes: size, accuracy: accuracy, keyFactRecall: recall, flips: flips, mcnemarP: p, kldMean: kld)
    }

    @Test func picksTheSmallestVariantThatPassesEveryThreshold() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let decision = policy.decide([
            variant("Q8_0", size: 145_000_000, accuracy: 0.9, recall: 0.95, flips: 0, kld: 0.004),
            variant("Q4_K_M", size: 105_000_000, accuracy: 0.88, recall: 0.93, flips: 0.05, kld: 0.05),
            variant("Q2_K", size: 88_000_000, accuracy: 0.6, recall: 0.7, flips: 0.3, kld: 0.41, p: 0.01),
        ], baseline: baseline)
        #expect(decision.selected == "Q4_K_M")
        #expect(decision.verdicts["Q2_K"]?.accepted == false)
        #expect(decision.verdicts["Q2_K"]?.reasons.count == 4)
        #expect(decision.why.contains("Q2_K"))
    }

    @Test func aDropExactlyAtTheThresholdPasses() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let verdict = policy.judge(variant("Q6_K", size: 1, accuracy: 0.85, recall: 0.90, flips: 0.10, kld: 0.10), baseline: baseline)
        #expect(verdict.accepted, "\(verdict.reasons)")
    }

    @Test func noVariantPassingSelectsNothingAndSaysKeepTheBaseline() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let decision = policy.decide([variant("Q2_K", size: 1, accuracy: 0.5, recall: 0.5, flips: 0.4, kld: 0.4)], baseline: baseline)
        #expect(decision.selected == nil)
        #expect(decision.why.contains("keep the baseline F16"))
    }

    @Test func flipsAreReadAgainstTheNoiseFloorInParallelMode() {
        let strict = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let withFloor = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: 0.1)
        let candidate = variant("Q5_K_M", size: 1, accuracy: 0.9, recall: 0.95, flips: 0.15, kld: 0.02)
        #expect(!strict.judge(candidate, baseline: baseline).accepted)
        #expect(withFloor.judge(candidate, baseline: baseline).accepted)
    }

    @Test func aFailedDropWithinNoiseSaysSo() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let verdict = policy.judge(variant("Q3_K_M", size: 1, accuracy: 0.8, recall: 0.95, flips: 0.1, kld: 0.02, p: 0.5), baseline: baseline)
        #expect(!verdict.accepted)
        #expect(verdict.reasons.first?.contains("within noise") == true)
    }

    @Test func missingDataDoesNotRejectButIsNamed() {
        let policy = SelectionPolicy(acceptance: Recipe.Acceptance(), noiseFloorFlips: nil)
        let noFacts = VariantMeasurements(quantType: "Q8_0", sizeBytes: 1, accuracy: nil, keyFactRecall: nil, flips: nil, mcnemarP: nil, kldMean: 0.01)
        let verdict = policy.judge(noFacts, baseline: baseline)
        #expect(verdict.accepted)
        #expect(verdict.passes.contains { $0.contains("accuracy: no data") })
    }
}
