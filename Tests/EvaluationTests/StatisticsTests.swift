import Testing
@testable import Evaluation

/// Wilson intervals, exact McNemar p-values and percentiles against hand-computed values.
struct StatisticsTests {
    @Test func wilsonInterval() throws {
        // 0/10: centre = (z²/20)/(1+z²/10) = 0.138767, half-width the same → [0, 0.277532].
        let none = try #require(WilsonInterval.interval95(successes: 0, trials: 10))
        #expect(abs(none[0]) < 1e-9 && abs(none[1] - 0.277532) < 1e-6)
        // 5/10: centre 0.5, half = z/(1+z²/10)·√(0.025 + z²/400) = 0.263407.
        let half = try #require(WilsonInterval.interval95(successes: 5, trials: 10))
        #expect(abs(half[0] - 0.236593) < 1e-6 && abs(half[1] - 0.763407) < 1e-6)
        #expect(WilsonInterval.interval95(successes: 0, trials: 0) == nil)
        let all = try #require(WilsonInterval.interval95(successes: 12, trials: 12))
        #expect(abs(all[1] - 1) < 1e-12 && abs(all[0] - 0.757506) < 1e-6)
    }

    @Test func exactMcNemar() {
        #expect(McNemarTest.pValue(correctToWrong: 0, wrongToCorrect: 0) == 1)
        // n = 5, tail = C(5,0)/2⁵ = 1/32 → p = 2/32.
        #expect(abs(McNemarTest.pValue(correctToWrong: 5, wrongToCorrect: 0) - 0.0625) < 1e-12)
        // n = 6, tail = (1 + 6)/64 → p = 14/64.
        #expect(abs(McNemarTest.pValue(correctToWrong: 1, wrongToCorrect: 5) - 0.21875) < 1e-12)
        // n = 12, tail = (1 + 12 + 66)/4096 → p = 158/4096.
        #expect(abs(McNemarTest.pValue(correctToWrong: 10, wrongToCorrect: 2) - 158.0 / 4096) < 1e-12)
        #expect(McNemarTest.pValue(correctToWrong: 3, wrongToCorrect: 3) == 1)
        // Large n stays finite and exact-ish: n = 2000, b = c → p = 1 (capped).
        #expect(McNemarTest.pValue(correctToWrong: 1000, wrongToCorrect: 1000) == 1)
    }

    @Test func percentiles() {
        #expect(Percentile.of([4, 1, 3, 2], 0.5) == 2.5)
        #expect(abs(Percentile.of([1, 2, 3, 4], 0.9)! - 3.7) < 1e-12)
        #expect(Percentile.of([5], 0.9) == 5)
        #expect(Percentile.of([], 0.5) == nil)
    }
}
