/// Why an answers file could not be read or appended to. Messages name the file and, for a bad
/// line, its line number (from 1).
public enum AnswersLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Opening, reading, writing, truncating or syncing failed (`reason` from the system).
    case io(file: String, operation: String, reason: String)
    /// A complete line (not the torn last one) is not an answer record.
    case corruptLine(file: String, line: Int, reason: String)

    /// One line for stderr.
    public var description: String {
        switch self {
        case .io(let file, let operation, let reason):
            return "\(file): cannot \(operation) the answers file: \(reason)"
        case .corruptLine(let file, let line, let reason):
            return "\(file):\(line): not an answer record (\(reason)); fix or delete that line"
        }
    }
}
