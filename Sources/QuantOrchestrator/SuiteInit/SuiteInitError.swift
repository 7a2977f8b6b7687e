import Evaluation
import LlamaTools

/// Why `suite init` wrote no suite. Every case is advice a user can act on.
public enum SuiteInitError: Error, CustomStringConvertible, InputClassifiable {
    /// The training data could not be read (file, line and what was expected are in it).
    case data(TrainingDataError)
    /// An option is out of range: the option and what it takes.
    case option(name: String, expected: String, found: String)
    /// The output exists and `--force` was not given.
    case outputExists(path: String)
    /// No record had both a question and an answer.
    case nothingToPick(file: String, records: Int)
    /// The paraphraser failed (its server would not start, the endpoint refused).
    case paraphraser(label: String, cause: any Error)
    /// The suite could not be written.
    case write(path: String, cause: any Error)
    /// The written suite does not read back: a bug in `suite init`, never the user's data.
    case unreadableResult(SuiteError)

    public var description: String {
        switch self {
        case .data(let error):
            "\(error)"
        case .option(let name, let expected, let found):
            "\(name) takes \(expected), not \(found)"
        case .outputExists(let path):
            "\(path) exists: pass --force to replace it, or --out another file"
        case .nothingToPick(let file, let records):
            "\(file): none of its \(records) records has both a question and an answer to pick"
        case .paraphraser(let label, let cause):
            "the paraphraser \(label) failed: \(cause) (run without --paraphrases to write the suite without them)"
        case .write(let path, let cause):
            "cannot write \(path): \(cause)"
        case .unreadableResult(let error):
            "the suite written does not read back (a bug in quantorch suite init; please report it): \(error)"
        }
    }

    public var isInputError: Bool {
        switch self {
        case .data, .option, .outputExists, .nothingToPick: true
        case .paraphraser, .write, .unreadableResult: false
        }
    }
}
