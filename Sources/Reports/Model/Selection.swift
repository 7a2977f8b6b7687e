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

    /// Creates the value from its fields, as listed above.
    public init(quantType: String?, rule: String, why: String) {
        self.quantType = quantType
        self.rule = rule
        self.why = why
    }

    enum CodingKeys: String, CodingKey {
        case rule, why
        case quantType = "quant_type"
    }

    /// Reads `quant_type` null or absent as nil.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        quantType = try container.decodeIfPresent(String.self, forKey: .quantType)
        rule = try container.decode(String.self, forKey: .rule)
        why = try container.decode(String.self, forKey: .why)
    }

    /// Writes `quant_type` always, as null when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(quantType, forKey: .quantType)
        try container.encode(rule, forKey: .rule)
        try container.encode(why, forKey: .why)
    }
}
