/// Why a quantization or importance-matrix run produced no file.
public enum QuantizeError: Error, Equatable, CustomStringConvertible {
    /// An input file is missing (`what`: "input model", "importance matrix", "corpus").
    case missingInput(what: String, path: String)
    /// The tool (`llama-quantize`, `llama-imatrix`) exited non-zero; `lastLines` of its log say why.
    case toolFailed(tool: String, exitCode: Int32, logFile: String, lastLines: String)

    public var description: String {
        switch self {
        case let .missingInput(what, path):
            "the \(what) \(path) does not exist"
        case let .toolFailed(tool, exitCode, logFile, lastLines):
            "\(tool) failed with exit code \(exitCode) (log: \(logFile)); its last lines:\n\(lastLines)"
        }
    }
}
