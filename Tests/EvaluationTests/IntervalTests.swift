import Foundation
import Testing
@testable import Evaluation

/// The interval value, its JSON keys, and the Wilson interval on fractional counts.
struct IntervalTests {
    @Test func widthAndContainment() {
        let interval = Interval(lower: -0.25, upper: 0.5)
        #expect(interval.width == 0.75)
        #expect(interval.contains(-0.25) && interval.contains(0.5) && interval.contains(0))
        #expect(!interval.contains(0.5000001) && !interval.contains(-0.3))
        #expect(Interval(lower: 0, upper: 0).width == 0)
    }

    @Test func encodesLowerAndUpperKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(Interval(lower: 0.125, upper: 0.5)), as: UTF8.self)
        #expect(json == #"{"lower":0.125,"upper":0.5}"#)
        let decoded = try JSONDecoder().decode(Interval.self, from: Data(json.utf8))
        #expect(decoded == Interval(lower: 0.125, upper: 0.5))
    }

    @Test func wilsonOnFractionalCounts() throws {
        // Whole counts agree with the integer interval the metrics already report.
        let whole = try #require(WilsonInterval.interval(successes: 5, trials: 10))
        #expect([whole.lower, whole.upper] == WilsonInterval.interval95(successes: 5, trials: 10))
        // 2.5 of 5: p = ½, centre ½, half = z/(1+z²/5)·√(0.05 + z²/100) = 0.329576.
        let half = try #require(WilsonInterval.interval(successes: 2.5, trials: 5))
        #expect(abs(half.lower - 0.170424) < 1e-6 && abs(half.upper - 0.829576) < 1e-6)
        // A scaled all-or-nothing share keeps its exact bound.
        let none = try #require(WilsonInterval.interval(successes: 0, trials: 7.5))
        #expect(none.lower == 0 && none.upper > 0)
        #expect(WilsonInterval.interval(successes: 0, trials: 0) == nil)
    }
}
