/// Why a fine-tuning data file could not be read, worded as advice for the user.
public enum TrainingDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened or read, is empty, holds no records or is not UTF-8 text.
    case unreadable(file: String, reason: String)
    /// The first record (or the CSV header) fits none of the formats; `found` says what it holds.
    case unknownFormat(file: String, found: String)
    /// One record is not valid JSON, not an object, or lacks a non-empty question or answer.
    case badRecord(file: String, line: Int, problem: String)

    /// "FILE:LINE: problem; pass --skip-bad …", ready for one line on stderr.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the training data: \(reason)"
        case .unknownFormat(let file, let found):
            return "\(file): cannot tell which training data format this is: found \(found). "
                + "quantorch reads Alpaca, ShareGPT, OpenAI messages and prompt/completion records "
                + "(as JSON Lines or as a JSON array) and CSV files whose header names a question column "
                + "(question, instruction, prompt or input) and an answer column (answer, output, response "
                + "or completion); pass --format to name the format"
        case .badRecord(let file, let line, let problem):
            return "\(file):\(line): \(problem); pass --skip-bad to skip such records"
        }
    }
}
