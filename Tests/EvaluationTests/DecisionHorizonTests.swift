import Testing
@testable import Evaluation

/// The number of questions that would decide a criterion, checked against direct evaluations
/// on either side of the answer.
struct DecisionHorizonTests {
    /// The interval of the paired table scaled to n questions, computed without the horizon.
    static func scaledDrop(a: Double, b: Double, c: Double, d: Double, to n: Int) throws -> Interval {
        let scale = Double(n) / (a + b + c + d)
        return try #require(PairedDifferenceInterval.drop95(a: a * scale, b: b * scale,
                                                            c: c * scale, d: d * scale)).interval
    }

    @Test func agreeingTableNeedsMoreQuestionsToBeWithin() throws {
        // 24 questions, no flips: drop 0 but its interval (±0.119) is wider than the margin.
        let observed = try #require(PairedDifferenceInterval.drop95(a: 20, b: 0, c: 0, d: 4))
        #expect(CriterionReading.read(estimate: observed.estimate, interval: observed.interval,
                                      margin: 0.05, significantLoss: false) == .undecided)
        let horizon = try #require(DecisionHorizon.pairedProportions(a: 20, b: 0, c: 0, d: 4))
        let decision = try #require(horizon.decision(margin: 0.05))
        #expect(decision.reading == .within)
        // Between 60 and 73 questions (by hand: ±0.0511 at 60, ±0.0424 at 73).
        #expect(decision.questions > 60 && decision.questions <= 73)
        let at = try Self.scaledDrop(a: 20, b: 0, c: 0, d: 4, to: decision.questions)
        let before = try Self.scaledDrop(a: 20, b: 0, c: 0, d: 4, to: decision.questions - 1)
        #expect(at.upper <= 0.05)
        #expect(before.upper > 0.05)
    }

    @Test func pairedDropBecomesBeyond() throws {
        let horizon = try #require(DecisionHorizon.pairedProportions(a: 20, b: 2, c: 0, d: 2))
        let decision = try #require(horizon.decision(margin: 0.05))
        #expect(decision.reading == .beyond)
        // At 200 questions the interval alone does not yet decide (its lower bound is 0.046).
        #expect(decision.questions > 200)
        let at = try Self.scaledDrop(a: 20, b: 2, c: 0, d: 2, to: decision.questions)
        let before = try Self.scaledDrop(a: 20, b: 2, c: 0, d: 2, to: decision.questions - 1)
        #expect(at.lower > 0.05)
        #expect(before.lower <= 0.05)
    }

    @Test func alreadyDecidedIsTheObservedSize() throws {
        // 6 flips in 24 against a maximum share of 0.1: Wilson lower bound 0.120 > 0.1.
        let horizon = try #require(DecisionHorizon.proportion(successes: 6, trials: 24))
        #expect(horizon.decision(margin: 0.1) == DecisionHorizon.Decision(questions: 24, reading: .beyond))
    }

    @Test func noFlipsNeedTheRuleOfWilson() throws {
        // 0 of n has Wilson upper bound z²/(n + z²), at or below 0.1 from n = 9z² = 34.57 on.
        let horizon = try #require(DecisionHorizon.proportion(successes: 0, trials: 24))
        #expect(horizon.decision(margin: 0.1) == DecisionHorizon.Decision(questions: 35, reading: .within))
    }

    @Test func normalScalingShrinksEachSide() throws {
        // Above the estimate 0.06 at 24 questions; within 0.045 needs 0.06·√(24/n) ≤ 0.035,
        // n ≥ 24·(0.06/0.035)² = 70.5.
        let horizon = DecisionHorizon.normalScaling(estimate: 0.01, interval: Interval(lower: -0.03, upper: 0.07), n: 24)
        #expect(horizon.decision(margin: 0.045) == DecisionHorizon.Decision(questions: 71, reading: .within))
        let at96 = horizon.interval(96)
        #expect(abs(at96.lower - (0.01 - 0.02)) < 1e-12 && abs(at96.upper - (0.01 + 0.03)) < 1e-12)
    }

    @Test func estimateOnTheMarginNeverDecides() throws {
        let horizon = DecisionHorizon.normalScaling(estimate: 0.05, interval: Interval(lower: 0, upper: 0.1), n: 24)
        #expect(horizon.decision(margin: 0.05) == nil)
        let flat = try #require(DecisionHorizon.pairedProportions(a: 20, b: 0, c: 0, d: 4))
        #expect(flat.decision(margin: 0.05, cap: 50) == nil)
    }

    @Test func emptyInputsHaveNoHorizon() {
        #expect(DecisionHorizon.pairedProportions(a: 0, b: 0, c: 0, d: 0) == nil)
        #expect(DecisionHorizon.proportion(successes: 0, trials: 0) == nil)
    }
}
