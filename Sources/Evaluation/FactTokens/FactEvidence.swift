/// Teacher-forcing evidence for one key fact of one answer: every token of the fact's first
/// statement in the baseline's answer, as one model ranks it.
///
/// JSON: `{"fact", "positions", "at_risk", "min_margin_nats"}`.
public struct FactEvidence: Codable, Sendable, Equatable {
    /// The fact's ``KeyFact/label``.
    public var fact: String
    /// The tokens that overlap the fact's statement, in order.
    public var positions: [FactTokenPosition]

    /// A fact's evidence from its probed positions.
    public init(fact: String, positions: [FactTokenPosition]) {
        self.fact = fact
        self.positions = positions
    }

    /// Whether some token of the fact is not ranked first: greedy decoding from the baseline's
    /// context would leave the baseline's wording there, so the fact may be lost.
    public var atRisk: Bool {
        positions.contains { !$0.rankedFirst }
    }

    /// The smallest margin over the fact's tokens, in nats; nil when a token's margin is unknown
    /// (not among the candidates, which also makes the fact at risk) or nothing was probed.
    public var minMarginNats: Double? {
        let margins = positions.compactMap(\.marginNats)
        guard margins.count == positions.count else { return nil }
        return margins.min()
    }

    enum CodingKeys: String, CodingKey {
        case fact, positions, atRisk = "at_risk", minMarginNats = "min_margin_nats"
    }

    /// Decodes `fact` and `positions`; `at_risk` and `min_margin_nats` are derived, so they are
    /// not read back.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fact: try container.decode(String.self, forKey: .fact),
                  positions: try container.decode([FactTokenPosition].self, forKey: .positions))
    }

    /// Encodes the positions and the derived `at_risk` and `min_margin_nats`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fact, forKey: .fact)
        try container.encode(positions, forKey: .positions)
        try container.encode(atRisk, forKey: .atRisk)
        try container.encodeIfPresent(minMarginNats, forKey: .minMarginNats)
    }
}
