import Foundation
import Testing
@testable import Evaluation

/// Combining a variant's fact-token evidence with the baseline's own, and the JSON of both.
struct FactRiskSummaryTests {
    private static func position(_ index: Int, first: Bool, margin: Double?) -> FactTokenPosition {
        FactTokenPosition(position: index, tokenID: 100 + index, piece: "t\(index)", logprob: margin == nil ? nil : -0.5,
                          inCandidates: margin != nil, rankedFirst: first, marginNats: margin)
    }

    /// Question "q1": "Paris" (tokens 10, 11) and "150 mg" (token 14); question "q2": "Tokyo" (token 20).
    private static func evidence(_ variant: String, paris: [Bool], dose: Bool, tokyo: Bool) -> FactTokenEvidence {
        FactTokenEvidence(variant: variant, questions: [
            .init(questionID: "q1", facts: [
                FactEvidence(fact: "Paris", positions: zip([10, 11], paris).map { position($0, first: $1, margin: $1 ? 1.0 : -0.4) }),
                FactEvidence(fact: "150 mg", positions: [position(14, first: dose, margin: dose ? 2.0 : nil)]),
            ]),
            .init(questionID: "q2", facts: [FactEvidence(fact: "Tokyo", positions: [position(20, first: tokyo, margin: tokyo ? 0.5 : -0.1)])]),
        ])
    }

    @Test func factsTheBaselineDoesNotRankFirstAreNeverAtRisk() throws {
        let baseline = Self.evidence("F16", paris: [true, true], dose: true, tokyo: false)
        let variant = Self.evidence("Q2_K", paris: [true, false], dose: true, tokyo: false)
        let summary = try FactRiskSummary(variant: variant, baseline: baseline)
        #expect(summary.factsProbed == 2)
        #expect(summary.factsNotProbed == 1)
        #expect(summary.factsAtRisk == 1)
        #expect(summary.atRisk == [.init(questionID: "q1", fact: "Paris")])
        #expect(summary.shareAtRisk == 0.5)

        let itself = try FactRiskSummary(variant: baseline, baseline: baseline)
        #expect(itself.factsAtRisk == 0)
        #expect(itself.shareAtRisk == 0)
    }

    @Test func nothingProbedHasNoShare() throws {
        let baseline = Self.evidence("F16", paris: [false, true], dose: false, tokyo: false)
        let summary = try FactRiskSummary(variant: Self.evidence("Q4_K_M", paris: [false, false], dose: false, tokyo: false), baseline: baseline)
        #expect(summary.factsProbed == 0)
        #expect(summary.factsNotProbed == 3)
        #expect(summary.shareAtRisk == nil)
    }

    @Test func evidenceOfOtherAnswersIsRefused() {
        let baseline = Self.evidence("F16", paris: [true, true], dose: true, tokyo: true)
        var missing = baseline
        missing.variant = "Q8_0"
        missing.questions.removeLast()
        #expect(throws: FactRiskSummaryError.factMissing(variant: "Q8_0", questionID: "q2", fact: "Tokyo")) {
            try FactRiskSummary(variant: missing, baseline: baseline)
        }
        var shifted = baseline
        shifted.variant = "Q8_0"
        shifted.questions[0].facts[1].positions[0].position = 15
        #expect(throws: FactRiskSummaryError.tokensDiffer(variant: "Q8_0", questionID: "q1", fact: "150 mg")) {
            try FactRiskSummary(variant: shifted, baseline: baseline)
        }
    }

    @Test func jsonIsSnakeCaseWithDerivedFields() throws {
        let evidence = Self.evidence("Q2_K", paris: [true, false], dose: false, tokyo: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(String(data: try encoder.encode(evidence), encoding: .utf8))
        #expect(json.contains(#""question_id":"q1""#))
        #expect(json.contains(#""at_risk":true"#))
        #expect(json.contains(#""min_margin_nats":-0.4"#))
        #expect(json.contains(#""ranked_first":false"#))
        #expect(json.contains(#""in_candidates":false"#))
        #expect(json.contains(#""token_id":110"#))
        #expect(try JSONDecoder().decode(FactTokenEvidence.self, from: Data(json.utf8)) == evidence)

        let summary = try FactRiskSummary(variant: evidence, baseline: Self.evidence("F16", paris: [true, true], dose: true, tokyo: true))
        let summaryJSON = try #require(String(data: try encoder.encode(summary), encoding: .utf8))
        #expect(summaryJSON == #"{"at_risk":[{"fact":"Paris","question_id":"q1"},{"fact":"150 mg","question_id":"q1"}],"facts_at_risk":2,"facts_not_probed":0,"facts_probed":3,"share_at_risk":0.6666666666666666,"variant":"Q2_K"}"#)
        #expect(try JSONDecoder().decode(FactRiskSummary.self, from: Data(summaryJSON.utf8)) == summary)
    }
}
