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
    /// `-` (`q-<line>` when that leaves nothing), so a reviewer can find the record in the file;
    /// records sharing a line (a JSON array written on one line) get `-2`, `-3`, … in order.
    public static func ids(for pairs: [PickedPair]) -> [String] {
        var used: Set<String> = []
        return pairs.map { pair in
            let slug = (pair.record.category ?? "").lowercased().unicodeScalars
                .map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? String($0) : "-" }
                .joined().split(separator: "-").joined(separator: "-")
            let base = "\(slug.isEmpty ? "q" : slug)-\(pair.record.line)"
            var id = base
            var copy = 1
            while used.contains(id) {
                copy += 1
                id = "\(base)-\(copy)"
            }
            used.insert(id)
            return id
        }
    }
}
