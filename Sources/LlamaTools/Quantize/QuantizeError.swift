/// Why a quantization or importance-matrix run produced no file.
public enum QuantizeError: Error, Equatable, CustomStringConvertible {
    /// An input file is missing (`what`: "input model", "importance matrix", "corpus").
    case missingInput(what: String, path: String)
    /// The tool (`llama-quantize`, `llama-imatrix`) exited non-zero or was killed by a signal
    /// while doing `activity` ("quantizing model.F16.gguf to Q8_0"); `lastLines` of its log say why.
    case toolFailed(tool: String, termination: ProcessTermination, activity: String, logFile: String, lastLines: String)

    public var description: String {
        switch self {
        case let .missingInput(what, path):
            "the \(what) \(path) does not exist"
        case let .toolFailed(tool, termination, activity, logFile, lastLines):
            "\(termination.sentence(tool: tool, activity: activity)) (log: \(logFile)); its last lines:\n\(lastLines)"
        }
    }
}
