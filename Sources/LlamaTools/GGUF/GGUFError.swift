/// Why a file could not be read as a GGUF model. Every case names the file.
public enum GGUFError: Error, Equatable, CustomStringConvertible {
    /// The file is missing or unreadable (the system's reason).
    case unreadable(path: String, reason: String)
    /// The first four bytes are not "GGUF" (what was found, as text or hex).
    case notGGUF(path: String, found: String)
    /// A GGUF version this reader does not handle (it reads v2 and v3, like llama.cpp).
    case unsupportedVersion(path: String, version: UInt32)
    /// The file ends before `what` could be read completely (byte offset where it was needed).
    case truncated(path: String, offset: UInt64, what: String)
    /// A field holds a value no valid GGUF file has (`what` says which and why).
    case corrupt(path: String, what: String)
    /// The file is valid but holds no tensors (e.g. a vocabulary-only GGUF), so it is no model.
    case noTensors(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "cannot read \(path): \(reason)"
        case let .notGGUF(path, found):
            "\(path) is not a GGUF file: it starts with \(found), expected the magic \"GGUF\""
        case let .unsupportedVersion(path, version):
            if version & 0xFFFF == 0 {
                "\(path): GGUF version \(version) looks byte-swapped (a big-endian file?); only little-endian GGUF v2 and v3 are supported"
            } else {
                "\(path): GGUF version \(version) is not supported (expected 2 or 3); convert the model again with a current llama.cpp"
            }
        case let .truncated(path, offset, what):
            "\(path) is truncated: it ends before \(what) (needed at byte \(offset)); the download or conversion was probably interrupted"
        case let .corrupt(path, what):
            "\(path) is not a valid GGUF file: \(what)"
        case let .noTensors(path):
            "\(path) is a GGUF file without tensors (a vocabulary-only file?), not a model"
        }
    }
}
