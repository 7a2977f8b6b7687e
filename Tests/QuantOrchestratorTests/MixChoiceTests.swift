import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// The knapsack behind a domain mix, on hand-made sensitivities, and the group steps on
/// SmolLM2-135M's real tensor table.
struct MixChoiceTests {
    static let attnV = TensorGroup.named("attn_v")!
    static let ffnDown = TensorGroup.named("ffn_down")!

    func option(_ group: TensorGroup, _ type: String?, bytes: Int, kld: Double) -> MixChoice.Option {
        MixChoice.Option(group: group, type: type.flatMap { GGMLType.named($0) }, deltaBytes: bytes, deltaKLD: kld)
    }

    func classes() -> [[MixChoice.Option]] {
        [[option(Self.attnV, nil, bytes: 0, kld: 0), option(Self.attnV, "q5_K", bytes: -100, kld: 0.002), option(Self.attnV, "q8_0", bytes: 300, kld: -0.010)],
         [option(Self.ffnDown, nil, bytes: 0, kld: 0), option(Self.ffnDown, "q4_K", bytes: -400, kld: 0.004), option(Self.ffnDown, "q6_K", bytes: 200, kld: -0.001)]]
    }

    @Test func atTheBaseSizeItTradesTheCheapStepDownForTheValuableStepUp() throws {
        // attn_v up costs 300 bytes and saves 0.010 nats; ffn_down down frees 400 for 0.004.
        let picks = try #require(MixChoice.choose(classes(), budget: 0))
        #expect(picks.map(\.type?.name) == ["q8_0", "q4_K"])
        #expect(abs(picks.reduce(0) { $0 + $1.deltaKLD } - -0.006) < 1e-12)
        #expect(picks.reduce(0) { $0 + $1.deltaBytes } <= 0)
    }

    @Test func withRoomToSpareItTakesEveryStepUpThatLowersTheKLD() throws {
        let picks = try #require(MixChoice.choose(classes(), budget: 500))
        #expect(picks.map(\.type?.name) == ["q8_0", "q6_K"])
    }

    @Test func aTargetBelowTheBaseForcesStepsDownAndNothingFitsBelowTheSmallest() throws {
        let picks = try #require(MixChoice.choose(classes(), budget: -450))
        #expect(picks.map(\.type?.name) == ["q5_K", "q4_K"])
        #expect(MixChoice.choose(classes(), budget: -501) == nil)
    }

    @Test func ofTwoEqualChoicesTheSmallerFileWins() throws {
        let tied = [[option(Self.attnV, nil, bytes: 0, kld: 0), option(Self.attnV, "q5_K", bytes: -100, kld: 0)]]
        #expect(try #require(MixChoice.choose(tied, budget: 0)).map(\.type?.name) == ["q5_K"])
    }
}

/// ``GroupSizing`` on the bootstrap's SmolLM2-135M checkpoint: rows of 576 weights do not fit
/// the K-quants' 256-weight blocks, so most steps are llama-quantize's fallbacks.
@Suite(.enabled(if: RealToolchainFixture.manifest != nil, "needs the bootstrap's SmolLM2"))
struct GroupSizingTests {
    func sizing() throws -> GroupSizing {
        let manifest = try RealToolchainFixture.unwrap(RealToolchainFixture.manifest)
        let source = ResolvedSource(checkpoint: URL(fileURLWithPath: manifest.smollm2Hf), revision: "r", revisionKind: .label, kind: .hfFolder)
        return GroupSizing(layout: try ModelLayout.of(source, gguf: nil, masterType: .f16), base: try QuantType(parsing: "Q4_K_M"),
                           hasImportanceMatrix: false)
    }

    @Test func stepsAreTheNearestSizesBelowAndAboveTheBaseAsLlamaQuantizeWritesThem() throws {
        let sizing = try sizing()
        let attnQ = try #require(TensorGroup.named("attn_q"))
        #expect(sizing.tensors(in: attnQ).count == 30)
        #expect(sizing.effectiveTypes(of: attnQ) == ["q5_0"], "Q4_K_M's q4_K falls back to q5_0 on 576-weight rows")
        let steps = sizing.steps(of: attnQ)
        #expect(steps.lower?.name == "q2_K" && steps.higher?.name == "q5_K")
        #expect(sizing.effectiveTypes(of: attnQ, as: steps.lower) == ["q4_0"])
        #expect(sizing.bytes(of: attnQ, as: steps.lower) < sizing.bytes(of: attnQ))
        #expect(sizing.bytes(of: attnQ, as: steps.higher) > sizing.bytes(of: attnQ))
        let ffnDown = try #require(TensorGroup.named("ffn_down"))
        #expect(Set(sizing.effectiveTypes(of: ffnDown)) == ["q4_K", "q6_K"], "1536-weight rows fit; some layers get more bits")
        #expect(sizing.steps(of: ffnDown).lower?.name == "q4_K")
    }

    @Test func theOutputGroupOfTiedEmbeddingsIsEmptyAndHasNoSteps() throws {
        let sizing = try sizing()
        let output = try #require(TensorGroup.named("output"))
        #expect(sizing.tensors(in: output).isEmpty)
        #expect(sizing.steps(of: output).lower == nil && sizing.steps(of: output).higher == nil)
        #expect(sizing.tensors(in: try #require(TensorGroup.named("attn_output"))).count == 30, "output's pattern leaves attn_output alone")
    }
}
