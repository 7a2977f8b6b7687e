import Foundation
import Testing
@testable import Reports

/// Cohen's kappa on worked examples, and the review summary built from ratings of the fixture.
@Suite struct CohenKappaTests {
    /// The worked example of Wikipedia's "Cohen's kappa" (two readers of 50 grant proposals):
    /// 20 both yes, 5 A only, 10 B only, 15 both no: p_o 0.7, p_e 0.5 · 0.6 + 0.5 · 0.4 = 0.5, κ 0.4.
    @Test func theWorkedExampleGivesPointFour() throws {
        let kappa = try #require(CohenKappa(bothCorrect: 20, humanOnly: 5, automaticOnly: 10, bothWrong: 15))
        #expect(kappa.n == 50)
        #expect(abs(kappa.observedAgreement - 0.7) < 1e-12)
        #expect(abs(kappa.chanceAgreement - 0.5) < 1e-12)
        #expect(abs(try #require(kappa.kappa) - 0.4) < 1e-12)
    }

    /// The same article's second table (45, 15, 25, 15): p_o 0.6, p_e 0.6 · 0.7 + 0.4 · 0.3 = 0.54,
    /// κ 0.06 / 0.46 = 0.1304…; agreement alone (60 %) would overstate it.
    @Test func unbalancedMarginsLowerKappa() throws {
        let kappa = try #require(CohenKappa(bothCorrect: 45, humanOnly: 15, automaticOnly: 25, bothWrong: 15))
        #expect(abs(kappa.chanceAgreement - 0.54) < 1e-12)
        #expect(abs(try #require(kappa.kappa) - 0.06 / 0.46) < 1e-12)
    }

    @Test func kappaIsUndefinedWhenBothRatersNeverVaryAndAbsentWithoutPairs() throws {
        let alike = try #require(CohenKappa(bothCorrect: 7, humanOnly: 0, automaticOnly: 0, bothWrong: 0))
        #expect(alike.kappa == nil)
        #expect(alike.observedAgreement == 1)
        // One rater constant, the other not: p_e < 1, κ = 0 (no agreement beyond chance).
        let oneSided = try #require(CohenKappa(bothCorrect: 3, humanOnly: 0, automaticOnly: 1, bothWrong: 0))
        #expect(oneSided.kappa == 0)
        #expect(CohenKappa(bothCorrect: 0, humanOnly: 0, automaticOnly: 0, bothWrong: 0) == nil)
        let json = String(decoding: try JSONEncoder().encode(alike), as: UTF8.self)
        #expect(json.contains("\"kappa\":null"))
    }

    /// Six ratings of the fixture: two agree correct, two agree wrong, Q6_K's "partly" on an
    /// answer the rule calls correct and Q2_K's "right" on one it calls wrong disagree:
    /// p_o 4/6, p_e 0.5, κ 1/3. "partly" counts as not correct in human accuracy too.
    @Test func theSummaryCountsPartlyAsNotCorrect() throws {
        let report = try ReportFixture.report()
        let summary = ReviewSummary(ratings: ReviewSamples.six, report: report, tag: "t")
        #expect(summary.ratings == 6)
        #expect(summary.variants.map(\.quantType) == ["F16", "Q6_K", "Q4_K_M", "Q3_K_M", "Q2_K"])
        let agreement = try #require(summary.agreement)
        #expect([agreement.bothCorrect, agreement.humanOnly, agreement.automaticOnly, agreement.bothWrong] as [Int] == [2, 1, 1, 2])
        #expect(abs(try #require(agreement.kappa) - 1.0 / 3.0) < 1e-12)
        let q6 = try #require(summary.variants.first { $0.quantType == "Q6_K" })
        #expect([q6.rated, q6.right, q6.partly, q6.wrong] as [Int] == [2, 1, 1, 0])
        #expect(q6.humanAccuracy.value == 0.5)
        #expect(q6.humanAccuracy.n == 2)
        let interval = try #require(q6.humanAccuracy.ci95)
        // Wilson 95 % for 1 of 2: [0.0945, 0.9055].
        #expect(abs(interval[0] - 0.0945) < 1e-4 && abs(interval[1] - 0.9055) < 1e-4)
        #expect(summary.humanAccuracy(of: "Q8_0") == nil)
    }
}

/// Ratings of the fixture report shared by the review tests.
enum ReviewSamples {
    static let six = [
        ReviewRating(questionID: "paclitaxel", form: "original", variant: "F16", rating: .right),
        ReviewRating(questionID: "paclitaxel", form: "original", variant: "Q6_K", rating: .partly, note: "omits the dose"),
        ReviewRating(questionID: "paclitaxel", form: "original", variant: "Q3_K_M", rating: .wrong),
        ReviewRating(questionID: "paclitaxel", form: "original", variant: "Q2_K", rating: .right, note: "says it differently"),
        ReviewRating(questionID: "cisplatin", form: "original", variant: "Q4_K_M", rating: .wrong),
        ReviewRating(questionID: "cisplatin", form: "original", variant: "Q6_K", rating: .right),
    ]

    /// A review file of `report` with `ratings`.
    static func file(_ report: Report, _ ratings: [ReviewRating] = six) -> ReviewFile {
        ReviewFile(model: report.model.slug, revision: report.model.revision, runID: report.runID, ratings: ratings)
    }
}
