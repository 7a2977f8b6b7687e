import Foundation
import Testing
import VerdictSimulation
@testable import Evaluation

/// The fast version of docs/VERDICT.md's table (`make simulate` prints the full one): fewer
/// variants per cell, the same rule.
@Suite struct VerdictSimulationTests {
    static let cells = VerdictSimulation(trials: 300, replicates: 200).run()

    @Test func beyondTheMarginIsRarelyCloseWhereTheRuleInfers() {
        let beyond = Self.cells.filter { $0.controlled && $0.trueValue > $0.margin }
        #expect(beyond.count == 2 * 5 + 2 * 2, "divergence at every size, loss rates at 100 and 200 questions")
        for cell in beyond {
            // 300 draws: a true rate of 5 % reads above 8 % less than 1 time in 100.
            #expect(cell.close <= 0.08, "\(cell.family) \(cell.trueValue) at \(cell.questions) questions: \(cell.close)")
        }
    }

    @Test func aSmallDivergenceOnACleanSuiteIsCloseFrom24Questions() {
        for cell in Self.cells where cell.family == "domain_kld" && cell.relation == "below" && cell.questions >= 24 {
            // A tenth of the margin (Q8_0, Q6_K on the demo) almost always; half of it mostly.
            #expect(cell.close >= (cell.trueValue < 0.2 * cell.margin ? 0.95 : 0.6), "\(cell.trueValue) at \(cell.questions) questions: \(cell.close)")
        }
    }

    @Test func censusOnlyCellsAreTheSmallSuitesLossRates() {
        let uncontrolled = Set(Self.cells.filter { !$0.controlled }.map { "\($0.family) \($0.questions)" })
        #expect(uncontrolled == ["loss_rate 12", "loss_rate 24", "loss_rate 50"])
        // There the rule says CLOSE only on a clean census: at most (1 − p)ⁿ, with sampling noise.
        for cell in Self.cells where !cell.controlled {
            let clean = pow(1 - cell.trueValue, Double(cell.questions))
            #expect(cell.close <= clean + 0.08, "\(cell.trueValue) at \(cell.questions): \(cell.close) vs \(clean)")
        }
    }
}
