/// One variant's answers as a reviewer rated them (report.json `review.variants[]`).
///
/// ```json
/// {"quant_type": "Q6_K", "rated": 4, "right": 2, "partly": 1, "wrong": 1,
///  "human_accuracy": {"value": 0.5, "unit": "fraction", "n": 4, "ci95": [0.15, 0.85]},
///  "agreement": {"n": 4, "kappa": 0.5, …}}
/// ```
public struct VariantReview: Codable, Sendable, Equatable {
    /// The variant's name.
    public var quantType: String
    /// Answers rated.
    public var rated: Int
    /// Rated right.
    public var right: Int
    /// Rated partly right.
    public var partly: Int
    /// Rated wrong.
    public var wrong: Int
    /// right / rated with its Wilson 95 % interval (Wilson 1927), over every rated answer of the
    /// variant; "partly" counts as not correct (`HumanRating.countsAsCorrect`).
    public var humanAccuracy: Figure
    /// Cohen's kappa between the reviewer and the automatic `correct` over this variant's rated
    /// answers that report.json judges (the original form); nil when there are none.
    public var agreement: CohenKappa?

    /// Creates the value from its fields, as listed above.
    public init(quantType: String, rated: Int, right: Int, partly: Int, wrong: Int, humanAccuracy: Figure, agreement: CohenKappa?) {
        self.quantType = quantType
        self.rated = rated
        self.right = right
        self.partly = partly
        self.wrong = wrong
        self.humanAccuracy = humanAccuracy
        self.agreement = agreement
    }

    enum CodingKeys: String, CodingKey {
        case rated, right, partly, wrong, agreement
        case quantType = "quant_type"
        case humanAccuracy = "human_accuracy"
    }
}
