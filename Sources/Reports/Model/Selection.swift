/// The quant chosen for deployment, and why.
///
/// `quantType` is nil when no quantized variant passed: the report then says to keep the
/// baseline. In JSON it is written as `"quant_type": null`, never left out.
public struct Selection: Codable, Sendable, Equatable {
    /// The selected quant type, or nil to keep the baseline.
    public var quantType: String?
    /// The rule applied ("smallest accepted variant").
    public var rule: String
    /// One or two sentences a reader can check against the tables.
    public var why: String
    /// When nothing was selected: the UNSURE variant nearest a decision, which more
    /// questions could make the pick; nil otherwise and in older reports.
    public var closestUnsure: String?
    /// Inversions (a larger variant REJECTED while a smaller one is selected) and budget
    /// notes, one sentence each; empty or nil when there are none.
    public var notes: [String]?

    /// Creates the value from its fields, as listed above.
    public init(quantType: String?, rule: String, why: String, closestUnsure: String? = nil, notes: [String]? = nil) {
        self.quantType = quantType
        self.rule = rule
        self.why = why
        self.closestUnsure = closestUnsure
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case rule, why, notes
        case quantType = "quant_type"
        case closestUnsure = "closest_unsure"
    }

    /// Reads `quant_type` null or absent as nil.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        quantType = try container.decodeIfPresent(String.self, forKey: .quantType)
        rule = try container.decode(String.self, forKey: .rule)
        why = try container.decode(String.self, forKey: .why)
        closestUnsure = try container.decodeIfPresent(String.self, forKey: .closestUnsure)
        notes = try container.decodeIfPresent([String].self, forKey: .notes)
    }

    /// Writes `quant_type` always, as null when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(quantType, forKey: .quantType)
        try container.encode(rule, forKey: .rule)
        try container.encode(why, forKey: .why)
        try container.encodeIfPresent(closestUnsure, forKey: .closestUnsure)
        try container.encodeIfPresent(notes, forKey: .notes)
    }
}
