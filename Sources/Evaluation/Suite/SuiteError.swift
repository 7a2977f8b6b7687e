/// Why a suite file could not be used. Each message names the file and, where the file could be
/// parsed, the line and the field (a path such as `questions[2].key_facts[0].rel_tol`, indices
/// from 0) and what was expected there.
public enum SuiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read or is not UTF-8.
    case unreadable(file: String, reason: String)
    /// The file is not valid YAML (`line` from the YAML parser, when it gave one).
    case syntax(file: String, line: Int?, problem: String)
    /// A field is missing, of the wrong shape or out of range.
    case invalid(file: String, line: Int, field: String, expected: String, found: String)

    /// "FILE:LINE: FIELD: expected …, found …", ready for one line on stderr.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the suite: \(reason)"
        case .syntax(let file, let line, let problem):
            return "\(file)\(line.map { ":\($0)" } ?? ""): not valid YAML: \(problem)"
        case .invalid(let file, let line, let field, let expected, let found):
            return "\(file):\(line): \(field): expected \(expected), found \(found)"
        }
    }
}
