import Testing
import LlamaTools
@testable import QuantOrchestrator

@Suite struct BudgetForecastTests {
    let ladder = try! ["F16", "Q8_0", "Q4_K_M"].map { LadderEntry(name: $0, kind: .quantize(try QuantType(parsing: $0), tensorTypes: [])) }
    let sizes = ["F16": 270_000_000, "Q8_0": 145_000_000, "Q4_K_M": 105_000_000]

    @Test func anEntryOverTheBudgetIsNamed() {
        let warnings = BudgetForecast.warnings(ladder: ladder, maxSizeBytes: 120_000_000) { sizes[$0.name] }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("ladder[1] Q8_0") == true)
    }

    @Test func aBudgetNothingFitsSaysTheRunCanOnlyKeepTheBaseline() {
        let warnings = BudgetForecast.warnings(ladder: ladder, maxSizeBytes: 50 * 1024 * 1024) { sizes[$0.name] }
        #expect(warnings.count == 3)
        #expect(warnings.last?.contains("no ladder entry fits max_size 50.0 MiB") == true)
    }

    @Test func noBudgetNoWarning() {
        #expect(BudgetForecast.warnings(ladder: ladder, maxSizeBytes: nil) { sizes[$0.name] }.isEmpty)
    }
}
