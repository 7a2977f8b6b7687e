/// A fact a correct answer must contain (docs/SUITE.md "The suite file": `key_facts`).
///
/// In YAML a text fact is a string (`C47H51NO14`, `Paris`); a numeric fact is a mapping
/// `{number: 853.9, rel_tol: 0.001, unit: g/mol}` (`rel_tol` defaults to 0, `unit` is a label
/// only and is not looked for in the answer). ``KeyFactMatcher`` states how each is found.
/// As JSON it encodes the same way: a string, or `{"number", "rel_tol", "unit"}`.
public enum KeyFact: Sendable, Equatable, Codable {
    /// Text found after Unicode NFKC + case folding, on word boundaries.
    case text(String)
    /// A number found within `relTol` (a fraction of `value`, ≥ 0) whatever its formatting.
    case number(value: Double, relTol: Double, unit: String?)

    /// How the fact is named in answers files and reports: the text, or the number in its
    /// shortest form followed by its unit ("853.9 g/mol", "1000").
    public var label: String {
        switch self {
        case .text(let text):
            return text
        case .number(let value, _, let unit):
            let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            return unit.map { "\(number) \($0)" } ?? number
        }
    }

    private enum CodingKeys: String, CodingKey {
        case number, relTol = "rel_tol", unit
    }

    /// Decodes a string (text fact) or `{number, rel_tol?, unit?}`.
    /// - Throws: `DecodingError` for any other shape.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self = .text(text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = .number(value: try container.decode(Double.self, forKey: .number),
                       relTol: try container.decodeIfPresent(Double.self, forKey: .relTol) ?? 0,
                       unit: try container.decodeIfPresent(String.self, forKey: .unit))
    }

    /// Encodes a string (text fact) or `{number, rel_tol, unit?}`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .number(let value, let relTol, let unit):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(value, forKey: .number)
            try container.encode(relTol, forKey: .relTol)
            try container.encodeIfPresent(unit, forKey: .unit)
        }
    }
}
