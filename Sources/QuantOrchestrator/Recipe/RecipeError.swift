import Foundation

/// Why a recipe cannot be used. Every case names the file and, where known, the line and the
/// field, and says what was expected, so the user can fix the recipe without guessing.
public enum RecipeError: Error, Equatable, CustomStringConvertible {
    /// The recipe file cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid YAML.
    case syntax(file: String, line: Int?, problem: String)
    /// A field has the wrong shape or value.
    case invalid(file: String, line: Int?, field: String, expected: String)
    /// A required field is absent.
    case missing(file: String, field: String, expected: String)
    /// A field this recipe format does not know (often a typo).
    case unknownField(file: String, line: Int?, field: String, known: [String])

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            "\(file): cannot read the recipe: \(reason)"
        case let .syntax(file, line, problem):
            "\(file)\(line.map { ":\($0)" } ?? ""): not valid YAML: \(problem)"
        case let .invalid(file, line, field, expected):
            "\(file)\(line.map { ":\($0)" } ?? ""): field '\(field)': expected \(expected)"
        case let .missing(file, field, expected):
            "\(file): field '\(field)' is missing: expected \(expected)"
        case let .unknownField(file, line, field, known):
            "\(file)\(line.map { ":\($0)" } ?? ""): unknown field '\(field)' (known here: \(known.joined(separator: ", ")))"
        }
    }
}
