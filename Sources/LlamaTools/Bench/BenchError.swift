/// Why llama-bench gave no results.
public enum BenchError: Error, Equatable, CustomStringConvertible {
    /// The model file does not exist.
    case missingModel(path: String)
    /// llama-bench exited non-zero or was killed by a signal while benchmarking the file named
    /// `model`; `lastLines` of what it printed on stderr say why.
    case toolFailed(termination: ProcessTermination, model: String, lastLines: String)
    /// Its stdout is not the JSON array `-o json` prints (`reason`, and the output's start).
    case unreadableOutput(reason: String, start: String)

    public var description: String {
        switch self {
        case let .missingModel(path):
            "the model \(path) does not exist"
        case let .toolFailed(termination, model, lastLines):
            "\(termination.sentence(tool: "llama-bench", activity: "benchmarking \(model)")); its last lines:\n\(lastLines)"
        case let .unreadableOutput(reason, start):
            "llama-bench's JSON output cannot be read (\(reason)); it starts with: \(start)"
        }
    }
}
