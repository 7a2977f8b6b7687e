/// One question of a suite `suite init` is writing: the picked pair, and the forms built for it.
public struct DraftQuestion: Sendable, Equatable {
    /// The question's id: its category's slug (or `q`) and its line in the training file.
    public var id: String
    /// The training pair; its question is the original prompt (a seen phrasing), its answer the reference.
    public var pair: PickedPair
    /// Unseen wordings of the question, from the paraphraser.
    public var paraphrases: [String]
    /// The question asked on misleading premises.
    public var premises: [FalsePremise]

    /// Creates a draft question.
    public init(id: String, pair: PickedPair, paraphrases: [String] = [], premises: [FalsePremise] = []) {
        self.id = id
        self.pair = pair
        self.paraphrases = paraphrases
        self.premises = premises
    }

    /// Ids for `pairs`: `<category>-<line>` with the category reduced to ASCII letters, digits and
    /// `-` (`q-<line>` when that leaves nothing), so a reviewer can find the record in the file.
    public static func ids(for pairs: [PickedPair]) -> [String] {
        pairs.map { pair in
            let slug = (pair.record.category ?? "").lowercased().unicodeScalars
                .map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? String($0) : "-" }
                .joined().split(separator: "-").joined(separator: "-")
            return "\(slug.isEmpty ? "q" : slug)-\(pair.record.line)"
        }
    }
}
