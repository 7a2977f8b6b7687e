/// How many of a variant's facts are at risk, judged only where the method is sound.
///
/// A fact is probed when the baseline's own evidence ranks every one of its tokens first: the
/// baseline generated those tokens greedily, so it ranks them first unless the answer text,
/// tokenized again, is not the token sequence it generated (a word split another way) or its
/// prompt-cached logits differ from those of generation at a near tie. Such a fact says nothing
/// about a variant and is "not probed" for every variant, never at risk. A probed fact is at
/// risk for the variant when some of its tokens are not ranked first there (``FactEvidence/atRisk``).
///
/// JSON (snake_case): `{"variant", "facts_probed", "facts_at_risk", "share_at_risk",
/// "facts_not_probed", "at_risk": [{"question_id", "fact"}]}`.
public struct FactRiskSummary: Codable, Sendable, Equatable {
    /// A fact of a question.
    public struct FactReference: Codable, Sendable, Equatable, Hashable {
        /// The question's id.
        public var questionID: String
        /// The fact's ``KeyFact/label``.
        public var fact: String

        /// A fact of question `questionID`.
        public init(questionID: String, fact: String) {
            self.questionID = questionID
            self.fact = fact
        }

        enum CodingKeys: String, CodingKey {
            case questionID = "question_id", fact
        }
    }

    /// The variant's name.
    public var variant: String
    /// Facts stated in the baseline's answers whose tokens the baseline itself ranks first.
    public var factsProbed: Int
    /// Of those, the facts with some token the variant does not rank first.
    public var factsAtRisk: Int
    /// Facts stated in the baseline's answers that the baseline itself does not rank first.
    public var factsNotProbed: Int
    /// The facts at risk, in the suite's order.
    public var atRisk: [FactReference]

    /// `factsAtRisk / factsProbed`; nil when nothing was probed.
    public var shareAtRisk: Double? {
        factsProbed > 0 ? Double(factsAtRisk) / Double(factsProbed) : nil
    }

    /// The variant's summary from its evidence and the baseline's own, both from probing the
    /// same baseline answers.
    /// - Throws: ``FactRiskSummaryError/factMissing(variant:questionID:fact:)`` when the variant's
    ///   evidence lacks a fact the baseline's has, ``FactRiskSummaryError/tokensDiffer(variant:questionID:fact:)``
    ///   when the two probed other tokens for it (the answers or the tokenizers differ).
    public init(variant: FactTokenEvidence, baseline: FactTokenEvidence) throws(FactRiskSummaryError) {
        var variantFacts: [FactReference: FactEvidence] = [:]
        for question in variant.questions {
            for fact in question.facts {
                variantFacts[FactReference(questionID: question.questionID, fact: fact.fact)] = fact
            }
        }
        var probed = 0
        var notProbed = 0
        var atRisk: [FactReference] = []
        for question in baseline.questions {
            for own in question.facts {
                let reference = FactReference(questionID: question.questionID, fact: own.fact)
                guard let evidence = variantFacts[reference] else {
                    throw .factMissing(variant: variant.variant, questionID: reference.questionID, fact: reference.fact)
                }
                guard evidence.positions.map(\.position) == own.positions.map(\.position),
                      evidence.positions.map(\.tokenID) == own.positions.map(\.tokenID) else {
                    throw .tokensDiffer(variant: variant.variant, questionID: reference.questionID, fact: reference.fact)
                }
                guard !own.atRisk, !own.positions.isEmpty else {
                    notProbed += 1
                    continue
                }
                probed += 1
                if evidence.atRisk { atRisk.append(reference) }
            }
        }
        self.variant = variant.variant
        factsProbed = probed
        factsAtRisk = atRisk.count
        factsNotProbed = notProbed
        self.atRisk = atRisk
    }

    enum CodingKeys: String, CodingKey {
        case variant, atRisk = "at_risk"
        case factsProbed = "facts_probed", factsAtRisk = "facts_at_risk", factsNotProbed = "facts_not_probed", shareAtRisk = "share_at_risk"
    }

    /// Decodes the counts and the list; `share_at_risk` is derived, so it is not read back.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        variant = try container.decode(String.self, forKey: .variant)
        factsProbed = try container.decode(Int.self, forKey: .factsProbed)
        factsAtRisk = try container.decode(Int.self, forKey: .factsAtRisk)
        factsNotProbed = try container.decode(Int.self, forKey: .factsNotProbed)
        atRisk = try container.decode([FactReference].self, forKey: .atRisk)
    }

    /// Encodes the counts, the derived share (absent when nothing was probed) and the list.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(variant, forKey: .variant)
        try container.encode(factsProbed, forKey: .factsProbed)
        try container.encode(factsAtRisk, forKey: .factsAtRisk)
        try container.encodeIfPresent(shareAtRisk, forKey: .shareAtRisk)
        try container.encode(factsNotProbed, forKey: .factsNotProbed)
        try container.encode(atRisk, forKey: .atRisk)
    }
}
