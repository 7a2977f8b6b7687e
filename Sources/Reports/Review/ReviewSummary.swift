import Foundation

/// What a human review found, as report.json keeps it under `review` and report.md,
/// report.html, `history` and `compare` show it: human accuracy per variant and Cohen's kappa
/// between the reviewer and the automatic correctness (Cohen 1960, `CohenKappa`).
///
/// Only "right" counts as correct; "partly" and "wrong" do not (`HumanRating`). Kappa pairs a
/// rating with the automatic `correct` of the same answer, which report.json holds for each
/// question's original form (`QuestionRow`): ratings of other forms count in human accuracy
/// only. The ratings themselves are in `review.json` beside the report (`ReviewFile`).
///
/// ```json
/// {"tag": "…/20261129T093000Z-3fa9c1-review-1", "file": "review.json", "ratings": 12,
///  "counting": "right counts as correct; partly and wrong do not",
///  "variants": [VariantReview…], "agreement": {"n": 12, "kappa": 0.4, …}}
/// ```
public struct ReviewSummary: Codable, Sendable, Equatable {
    /// The figure name `compare` gives human accuracy (`--fail-on human_accuracy:0.05`).
    public static let humanAccuracyMetric = "human_accuracy"
    /// How ratings become correct / not correct, as written into `counting`.
    public static let countingRule = "right counts as correct; partly and wrong do not"

    /// The review's annotated tag: `<run tag>-review-<n>`, n counting the run's imports from 1.
    public var tag: String
    /// The ratings' file inside the run folder (`review.json`).
    public var file: String
    /// Ratings in the review.
    public var ratings: Int
    /// `countingRule`.
    public var counting: String
    /// Each variant with ratings, in ladder order.
    public var variants: [VariantReview]
    /// Cohen's kappa over every rated answer that report.json judges; nil when none is.
    public var agreement: CohenKappa?

    /// Creates the value from its fields, as listed above.
    public init(tag: String, file: String = ReviewFile.fileName, ratings: Int, counting: String = ReviewSummary.countingRule,
                variants: [VariantReview], agreement: CohenKappa?) {
        self.tag = tag
        self.file = file
        self.ratings = ratings
        self.counting = counting
        self.variants = variants
        self.agreement = agreement
    }

    /// The summary of `ratings` (already checked against `report`, `ReviewCheck`) tagged `tag`.
    public init(ratings: [ReviewRating], report: Report, tag: String) {
        let automatic = Dictionary(report.questions.flatMap { question in
            question.answers.map { ("\(question.id)\u{0}\($0.quantType)", $0.correct) }
        }, uniquingKeysWith: { first, _ in first })
        func judged(_ rating: ReviewRating) -> (human: Bool, automatic: Bool)? {
            guard rating.form == Self.originalForm, let correct = automatic["\(rating.questionID)\u{0}\(rating.variant)"] else { return nil }
            return (rating.rating.countsAsCorrect, correct)
        }
        let variants: [VariantReview] = report.variants.compactMap { variant in
            let own = ratings.filter { $0.variant == variant.quantType }
            guard !own.isEmpty else { return nil }
            let right = own.count { $0.rating == .right }
            return VariantReview(quantType: variant.quantType, rated: own.count, right: right,
                                 partly: own.count { $0.rating == .partly }, wrong: own.count { $0.rating == .wrong },
                                 humanAccuracy: Self.rate(right, of: own.count), agreement: CohenKappa(own.compactMap(judged)))
        }
        self.init(tag: tag, ratings: ratings.count, variants: variants, agreement: CohenKappa(ratings.compactMap(judged)))
    }

    /// The form report.json's questions hold.
    public static let originalForm = "original"

    /// The reviewer's accuracy of the variant named `quantType`; nil when it has no ratings.
    public func humanAccuracy(of quantType: String) -> Figure? {
        variants.first { $0.quantType == quantType }?.humanAccuracy
    }

    /// k / n with its Wilson score 95 % interval (Wilson 1927, z = 1.96), as Evaluation gives rates.
    static func rate(_ k: Int, of n: Int) -> Figure {
        let z = 1.959963984540054, total = Double(n), p = Double(k) / total
        let centre = (p + z * z / (2 * total)) / (1 + z * z / total)
        let half = z / (1 + z * z / total) * (p * (1 - p) / total + z * z / (4 * total * total)).squareRoot()
        return Figure(value: p, unit: "fraction", n: n, ci95: [max(0, centre - half), min(1, centre + half)])
    }
}
