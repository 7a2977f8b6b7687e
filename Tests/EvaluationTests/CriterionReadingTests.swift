import Testing
@testable import Evaluation

/// Reading a loss criterion on its interval, and the paired drop read at 24 and 200 questions.
struct CriterionReadingTests {
    @Test func readsTheIntervalAgainstTheMargin() {
        let margin = 0.05
        #expect(CriterionReading.read(estimate: 0.01, interval: Interval(lower: -0.02, upper: 0.05),
                                      margin: margin, significantLoss: false) == .within)
        #expect(CriterionReading.read(estimate: 0.1, interval: Interval(lower: 0.0501, upper: 0.2),
                                      margin: margin, significantLoss: false) == .beyond)
        // A lower bound on the margin is not beyond it: "beyond" needs the whole interval above.
        #expect(CriterionReading.read(estimate: 0.1, interval: Interval(lower: 0.05, upper: 0.2),
                                      margin: margin, significantLoss: false) == .undecided)
        // A significant loss decides only when its estimate is over the margin…
        #expect(CriterionReading.read(estimate: 0.1, interval: Interval(lower: 0.03, upper: 0.2),
                                      margin: margin, significantLoss: true) == .beyond)
        #expect(CriterionReading.read(estimate: 0.04, interval: Interval(lower: 0.01, upper: 0.09),
                                      margin: margin, significantLoss: true) == .undecided)
        // …and never overrides an interval wholly within.
        #expect(CriterionReading.read(estimate: 0.03, interval: Interval(lower: 0.01, upper: 0.04),
                                      margin: margin, significantLoss: true) == .within)
    }

    @Test func encodesAsItsName() throws {
        #expect(CriterionReading.undecided.rawValue == "undecided")
        #expect(CriterionReading(rawValue: "beyond") == .beyond)
    }

    @Test func pairedDropDecidesWithMoreQuestions() throws {
        let margin = 0.05
        // 24 questions, 2 right only on the baseline: a drop of 0.083 whose interval reaches
        // below 0, and McNemar p = 0.5 — nothing is decided.
        let small = try #require(PairedDifferenceInterval.drop95(a: 20, b: 2, c: 0, d: 2))
        #expect(abs(small.estimate - 2.0 / 24) < 1e-12)
        let smallP = McNemarTest.pValue(correctToWrong: 2, wrongToCorrect: 0)
        #expect(CriterionReading.read(estimate: small.estimate, interval: small.interval, margin: margin,
                                      significantLoss: smallP < 0.05) == .undecided)
        // The same rates over 200 questions: the interval (0.046…0.130) still touches the margin,
        // but 17 flips one way and none back are significant (p ≈ 1.5e-5) and the drop of 0.085
        // is over the margin, so the criterion reads beyond.
        let large = try #require(PairedDifferenceInterval.drop95(a: 167, b: 17, c: 0, d: 16))
        #expect(large.interval.lower > 0.04 && large.interval.lower < margin)
        let largeP = McNemarTest.pValue(correctToWrong: 17, wrongToCorrect: 0)
        #expect(largeP < 0.05)
        #expect(CriterionReading.read(estimate: large.estimate, interval: large.interval, margin: margin,
                                      significantLoss: largeP < 0.05) == .beyond)
    }
}
