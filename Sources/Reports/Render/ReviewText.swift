/// The words and table cells of a human review (`ReviewSummary`) shared by report.md,
/// report.html, `history` and commit messages.
public enum ReviewText {
    /// The section's heading.
    public static let title = "Human review"

    /// The review table's header.
    public static let header = ["Variant", "Rated", "Right", "Partly", "Wrong", "Human accuracy", "Cohen's κ (n)"]

    /// One row per reviewed variant, in ladder order.
    public static func rows(_ review: ReviewSummary) -> [[String]] {
        review.variants.map { variant in
            [variant.quantType, "\(variant.rated)", "\(variant.right)", "\(variant.partly)", "\(variant.wrong)",
             FigureFormat.text(variant.humanAccuracy), kappa(variant.agreement)]
        }
    }

    /// The sentence under the table: what was rated, how "partly" counts, where the ratings are.
    public static func legend(_ review: ReviewSummary) -> String {
        "\(review.ratings) answers rated by hand (tag \(review.tag), ratings in \(review.file)); \(review.counting). "
            + "Cohen's κ (Cohen 1960) compares the reviewer with the automatic correctness on the answers both judged. "
            + agreement(review)
    }

    /// "Cohen's κ over all rated answers: 0.40 (n 12; observed agreement 70.0 %, chance 50.0 %)".
    public static func agreement(_ review: ReviewSummary) -> String {
        guard let agreement = review.agreement else { return "No rated answer has an automatic judgement, so no κ." }
        let shares = "observed agreement \(FigureFormat.fixed(agreement.observedAgreement * 100, 1)) %, chance \(FigureFormat.fixed(agreement.chanceAgreement * 100, 1)) %"
        guard let kappa = agreement.kappa else {
            return "Cohen's κ over all rated answers: undefined (n \(agreement.n); both judged every answer alike; \(shares))."
        }
        return "Cohen's κ over all rated answers: \(FigureFormat.fixed(kappa, 2)) (n \(agreement.n); \(shares))."
    }

    /// "0.40 (4)", "undefined (4)" when both raters judged every answer alike, "—" without pairs.
    public static func kappa(_ agreement: CohenKappa?) -> String {
        guard let agreement else { return FigureFormat.missing }
        return "\(agreement.kappa.map { FigureFormat.fixed($0, 2) } ?? "undefined") (\(agreement.n))"
    }

    /// `history`'s cell: the shown variant's human accuracy and the overall κ, "—" without a review.
    public static func historyCell(_ review: ReviewSummary?, quantType: String?) -> String {
        guard let review else { return FigureFormat.missing }
        let accuracy = quantType.flatMap(review.humanAccuracy).map { FigureFormat.text($0, interval: false) } ?? "not rated"
        return "\(accuracy), κ \(kappa(review.agreement))"
    }
}
