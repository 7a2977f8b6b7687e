/// A key fact and whether an answer contains it.
public struct FactResult: Codable, Sendable, Equatable {
    /// The fact's label.
    public var fact: String
    /// Whether it was found (NFKC + case folding for text, within tolerance for numbers).
    public var found: Bool
    /// Whether the variant, teacher-forced on the baseline's answer, no longer ranks the
    /// baseline's token first at some token of this fact (even if its own answer kept the
    /// fact); nil where the fact was not probed (not stated by the baseline, an endpoint, the
    /// baseline's own row, older reports).
    public var atRisk: Bool?
    /// The smallest log-probability margin, in nats, of the baseline's token over the best
    /// other candidate at this fact's tokens (negative where another token is first); nil
    /// where not probed or the baseline's token fell out of the candidates.
    public var marginNats: Double?

    /// Creates the value from its fields, as listed above.
    public init(fact: String, found: Bool, atRisk: Bool? = nil, marginNats: Double? = nil) {
        self.fact = fact
        self.found = found
        self.atRisk = atRisk
        self.marginNats = marginNats
    }

    enum CodingKeys: String, CodingKey {
        case fact, found
        case atRisk = "at_risk"
        case marginNats = "margin_nats"
    }
}
