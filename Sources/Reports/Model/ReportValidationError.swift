/// Why a report cannot be trusted, naming the field (a JSON path such as
/// `variants[2].metrics.accuracy.ci95`) and what was expected.
public enum ReportValidationError: Error, Equatable, CustomStringConvertible {
    /// report.json is not JSON of the expected shape.
    case unreadable(field: String, problem: String)
    /// `schema_version` is not one this code reads.
    case unsupportedSchemaVersion(Int)
    /// A field's value is malformed.
    case invalid(field: String, value: String, expected: String)
    /// No variant has `is_baseline: true`, or the baseline is not the first variant.
    case baseline(String)
    /// Two variants share a quant type.
    case duplicateQuantType(String)
    /// `selection.quant_type` names no accepted non-baseline variant.
    case selection(quantType: String, problem: String)
    /// A question's answer names a quant type that is not among the variants.
    case unknownVariant(field: String, quantType: String)

    public var description: String {
        switch self {
        case let .unreadable(field, problem):
            "report.json: \(field.isEmpty ? "the document" : field): \(problem)"
        case let .unsupportedSchemaVersion(version):
            "report: schema_version is \(version); this quantorch reads schema_version \(Report.currentSchemaVersion)"
        case let .invalid(field, value, expected):
            "report: \(field) is \(value); expected \(expected)"
        case let .baseline(problem):
            "report: variants: \(problem)"
        case let .duplicateQuantType(quant):
            "report: variants: quant type \(quant) appears more than once; each rung of the ladder must be unique"
        case let .selection(quant, problem):
            "report: selection.quant_type is \(quant): \(problem)"
        case let .unknownVariant(field, quant):
            "report: \(field) names quant type \(quant), which is not among the variants"
        }
    }

    /// A coding path as `a.b[2].c`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
