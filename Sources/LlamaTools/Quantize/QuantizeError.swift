/// Why a quantization or importance-matrix run produced no file.
public enum QuantizeError: Error, Equatable, CustomStringConvertible, InputClassifiable {
    /// An input file is missing (`what`: "input model", "importance matrix", "corpus").
    case missingInput(what: String, path: String)
    /// llama-imatrix refused the corpus as too short for one chunk (it needs 2 × n_ctx tokens).
    case corpusTooShort(CorpusShortfall)
    /// llama-quantize refused to make `type` without an importance matrix: the very-low-bit
    /// types (IQ1, IQ2, Q2_K_S …) need one for tensors such as `tensor` (which would become
    /// `tensorType`), as it printed ("this quantization requires an importance matrix").
    case requiresImportanceMatrix(type: String, tensor: String?, tensorType: String?)
    /// The tool (`llama-quantize`, `llama-imatrix`) exited non-zero or was killed by a signal
    /// while doing `activity` ("quantizing model.F16.gguf to Q8_0"); `lastLines` of its log say why.
    case toolFailed(tool: String, termination: ProcessTermination, activity: String, logFile: String, lastLines: String)

    /// True for a missing input, a corpus too short and a type that needs an importance matrix;
    /// false for a tool that failed otherwise.
    public var isInputError: Bool {
        switch self {
        case .missingInput, .corpusTooShort, .requiresImportanceMatrix: true
        case .toolFailed: false
        }
    }

    public var description: String {
        switch self {
        case let .missingInput(what, path):
            "the \(what) \(path) does not exist"
        case let .corpusTooShort(shortfall):
            "llama-imatrix cannot use the corpus: \(shortfall)"
        case let .requiresImportanceMatrix(type, tensor, tensorType):
            "llama-quantize makes \(type) only with an importance matrix\(tensor.map { " (tensor \($0) would be \(tensorType ?? "a very-low-bit type"))" } ?? ""); give this quant an imatrix, or choose a type that needs none (Q2_K, Q3_K_S or above)"
        case let .toolFailed(tool, termination, activity, logFile, lastLines):
            "\(termination.sentence(tool: tool, activity: activity)) (log: \(logFile)); its last lines:\n\(lastLines)"
        }
    }
}
