/// How the run chose which variants to ask the whole suite (report.json `search`).
///
/// `adaptive`: every variant was quantized and screened on its KL divergences, and the suite
/// was asked only of the variants the decision needed; `exhaustive`: of every variant. Counts
/// are of local non-baseline variants (the baseline and endpoints are always asked).
public struct SearchInfo: Codable, Sendable, Equatable {
    /// "adaptive" or "exhaustive".
    public var mode: String
    /// The variants asked the suite, in the order the search asked them.
    public var evaluated: [String]
    /// How many an exhaustive run would have asked.
    public var exhaustive: Int

    /// Full suite evaluations this run made.
    public var evaluations: Int { evaluated.count }
    /// Full suite evaluations saved against an exhaustive run.
    public var saved: Int { max(0, exhaustive - evaluated.count) }

    /// Creates the value from its fields, as listed above.
    public init(mode: String, evaluated: [String], exhaustive: Int) {
        self.mode = mode
        self.evaluated = evaluated
        self.exhaustive = exhaustive
    }

    enum CodingKeys: String, CodingKey {
        case mode, evaluated, exhaustive, evaluations, saved
    }

    /// Reads mode, evaluated and exhaustive (the counts follow from them).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mode = try container.decode(String.self, forKey: .mode)
        evaluated = try container.decode([String].self, forKey: .evaluated)
        exhaustive = try container.decode(Int.self, forKey: .exhaustive)
    }

    /// Writes the counts beside what they follow from, for a reader of the JSON alone.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encode(evaluated, forKey: .evaluated)
        try container.encode(exhaustive, forKey: .exhaustive)
        try container.encode(evaluations, forKey: .evaluations)
        try container.encode(saved, forKey: .saved)
    }

    /// One sentence: "adaptive search: 2 of 6 variants asked the suite (Q6_K, Q8_0), 4 saved".
    public var line: String {
        "\(mode) search: \(evaluations) of \(exhaustive) variant\(exhaustive == 1 ? "" : "s") asked the suite"
            + (evaluated.isEmpty ? "" : " (\(evaluated.joined(separator: ", ")))")
            + (mode == "adaptive" ? ", \(saved) saved against an exhaustive run" : "")
    }
}
