import Testing
@testable import Evaluation

/// Newcombe's method 10 against published worked examples, to the 4 decimals they are printed to.
struct PairedDifferenceIntervalTests {
    /// A table (a, b, c, d) with its published estimate and 95 % limits.
    struct Example: Sendable, CustomTestStringConvertible {
        var a, b, c, d: Double
        var estimate, lower, upper: Double
        var testDescription: String { "(\(a), \(b), \(c), \(d))" }
    }

    /// Newcombe 1998, Table II, examples (a)–(d), method 10; and the complete-response table of
    /// Cavo et al. 2012 in Fagerland, Lydersen and Laake 2017, chapter 8 (their Newcombe
    /// square-and-add interval), whose large positive ad − bc exercises the n/2 correction of φ.
    static let published: [Example] = [
        Example(a: 36, b: 12, c: 2, d: 0, estimate: 0.2, lower: 0.0569, upper: 0.3404),
        Example(a: 18, b: 12, c: 2, d: 18, estimate: 0.2, lower: 0.0562, upper: 0.3290),
        Example(a: 53, b: 0, c: 0, d: 1, estimate: 0, lower: -0.0729, upper: 0.0729),
        Example(a: 0, b: 30, c: 0, d: 0, estimate: 1, lower: 0.8395, upper: 1),
        Example(a: 59, b: 6, c: 16, d: 80, estimate: -0.0621, lower: -0.1186, upper: -0.0046),
    ]

    @Test(arguments: published)
    func matchesPublishedExample(_ example: Example) throws {
        let drop = try #require(PairedDifferenceInterval.drop95(a: example.a, b: example.b,
                                                                c: example.c, d: example.d))
        #expect(abs(drop.estimate - example.estimate) < 5e-5)
        #expect(abs(drop.interval.lower - example.lower) < 5e-5)
        #expect(abs(drop.interval.upper - example.upper) < 5e-5)
    }

    @Test func emptyTableHasNoInterval() {
        #expect(PairedDifferenceInterval.drop95(a: 0, b: 0, c: 0, d: 0) == nil)
    }

    @Test func degenerateMarginsUseZeroCorrelation() throws {
        // Everyone right on both sides: both margins are 1, so D = 0 and φ = 0; the drop is 0 and
        // the interval is ±(1 − l) with l the Wilson lower bound of 24/24.
        let agree = try #require(PairedDifferenceInterval.drop95(a: 24, b: 0, c: 0, d: 0))
        let wilson = try #require(WilsonInterval.interval(successes: 24, trials: 24))
        #expect(agree.estimate == 0)
        #expect(abs(agree.interval.upper - (1 - wilson.lower)) < 1e-12)
        #expect(abs(agree.interval.lower + (1 - wilson.lower)) < 1e-12)
    }

    @Test func agreementNarrowsTheInterval() throws {
        // Same margins (13/24 and 11/24), same drop 2/24: with 2 discordant pairs the margins are
        // strongly correlated (φ = 109/143); with 12 they are not (ad − bc = 1 ≤ n/2, φ = 0), and
        // the interval must be wider.
        let agreeing = try #require(PairedDifferenceInterval.drop95(a: 11, b: 2, c: 0, d: 11))
        let disagreeing = try #require(PairedDifferenceInterval.drop95(a: 6, b: 7, c: 5, d: 6))
        #expect(agreeing.estimate == disagreeing.estimate)
        #expect(agreeing.interval.width < disagreeing.interval.width)
        #expect(abs(agreeing.interval.lower + 0.0483) < 5e-5 && abs(agreeing.interval.upper - 0.2071) < 5e-5)
    }

    @Test func dropIsBaselineMinusVariant() throws {
        let worse = try #require(PairedDifferenceInterval.drop95(a: 10, b: 6, c: 1, d: 7))
        let better = try #require(PairedDifferenceInterval.drop95(a: 10, b: 1, c: 6, d: 7))
        #expect(abs(worse.estimate - 5.0 / 24) < 1e-12)
        #expect(abs(better.estimate + 5.0 / 24) < 1e-12)
        // Swapping the sides mirrors the interval.
        #expect(abs(worse.interval.lower + better.interval.upper) < 1e-12)
        #expect(abs(worse.interval.upper + better.interval.lower) < 1e-12)
    }
}
