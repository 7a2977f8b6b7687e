/// One rated answer of a review file: which answer (question, form, variant) and the rating.
///
/// ```json
/// {"question_id": "cisplatin", "form": "original", "variant": "Q6_K", "rating": "partly", "note": "dose missing"}
/// ```
public struct ReviewRating: Codable, Sendable, Equatable {
    /// The suite's question id (`QuestionRow.id`, `question_id` in the answers files).
    public var questionID: String
    /// The prompt form as the answers files spell it ("original", "paraphrase:0", …);
    /// report.html rates the original form, the one it shows.
    public var form: String
    /// The variant's name (`Variant.quantType`).
    public var variant: String
    /// The reviewer's judgement.
    public var rating: HumanRating
    /// The reviewer's note; "" when none was written (the key may be absent in the file).
    public var note: String

    /// Creates the value from its fields, as listed above.
    public init(questionID: String, form: String, variant: String, rating: HumanRating, note: String = "") {
        self.questionID = questionID
        self.form = form
        self.variant = variant
        self.rating = rating
        self.note = note
    }

    /// Decodes one rating; `note` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        questionID = try container.decode(String.self, forKey: .questionID)
        form = try container.decode(String.self, forKey: .form)
        variant = try container.decode(String.self, forKey: .variant)
        rating = try container.decode(HumanRating.self, forKey: .rating)
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case form, variant, rating, note
        case questionID = "question_id"

        static var allNames: Set<String> { Set(allCases.map(\.rawValue)) }
    }
}
