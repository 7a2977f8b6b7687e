/// Why a Hugging Face checkpoint could not be converted to GGUF.
public enum ConverterError: Error, Equatable, CustomStringConvertible, InputClassifiable {
    /// The checkpoint path does not exist or is not a folder.
    case missingCheckpoint(path: String)
    /// The folder has no `config.json`, so it is no Hugging Face checkpoint.
    case noConfig(folder: String)
    /// The folder has no weight files (`*.safetensors` or `*.bin`).
    case noWeights(folder: String)
    /// The converter does not know the checkpoint's architecture (as named in its config.json).
    case unsupportedArchitecture(String, logFile: String)
    /// The converter's Python lacks a module it imports (torch, transformers, gguf …).
    case missingPythonModule(String, python: String)
    /// The converter exited non-zero for another reason, or was killed by a signal, while
    /// converting the folder `checkpoint`; `lastLines` of its log say why.
    case converterFailed(termination: ProcessTermination, checkpoint: String, logFile: String, lastLines: String)

    /// True when the checkpoint is at fault (missing, no config, no weights, an architecture
    /// the converter does not know); false for the converter's Python or a crash.
    public var isInputError: Bool {
        switch self {
        case .missingCheckpoint, .noConfig, .noWeights, .unsupportedArchitecture: true
        case .missingPythonModule, .converterFailed: false
        }
    }

    public var description: String {
        switch self {
        case let .missingCheckpoint(path):
            "the checkpoint folder \(path) does not exist or is not a folder"
        case let .noConfig(folder):
            "\(folder) has no config.json; point the recipe's model.source at a Hugging Face checkpoint folder (config.json, tokenizer and *.safetensors)"
        case let .noWeights(folder):
            "\(folder) has no weight files (*.safetensors or *.bin); download the checkpoint's weights into it (with git-lfs, fetch the LFS objects)"
        case let .unsupportedArchitecture(name, logFile):
            "llama.cpp's converter does not support the architecture \(name) (log: \(logFile)); use a llama.cpp that does, or a model of a supported architecture"
        case let .missingPythonModule(module, python):
            "the converter's Python \(python) cannot import \(module); run scripts/bootstrap, or install the converter's requirements into that Python"
        case let .converterFailed(termination, checkpoint, logFile, lastLines):
            "\(termination.sentence(tool: "convert_hf_to_gguf.py", activity: "converting \(checkpoint)", build: "its Python or one of its packages (torch, numpy)")) (log: \(logFile)); its last lines:\n\(lastLines)"
        }
    }
}
