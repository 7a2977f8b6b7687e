/// Why a variant's fact-token evidence cannot be compared with the baseline's.
public enum FactRiskSummaryError: Error, Equatable, CustomStringConvertible {
    /// The variant's evidence has no entry for a fact the baseline's evidence has.
    case factMissing(variant: String, questionID: String, fact: String)
    /// The variant's evidence probed other positions or tokens for a fact than the baseline's.
    case tokensDiffer(variant: String, questionID: String, fact: String)

    /// A message naming the variant, question and fact, and what to check.
    public var description: String {
        switch self {
        case let .factMissing(variant, questionID, fact):
            "variant \(variant)'s fact-token evidence has no entry for \"\(fact)\" of question \(questionID), which the baseline's has: probe both on the same baseline answers"
        case let .tokensDiffer(variant, questionID, fact):
            "variant \(variant) was probed at other tokens than the baseline for \"\(fact)\" of question \(questionID): probe both on the same baseline answers, with models of the same tokenizer"
        }
    }
}
