/// Why a checkpoint's chat template could not be read. Every case names the file.
public enum SourceChatTemplateError: Error, Equatable, CustomStringConvertible {
    /// The file exists but could not be read (the system's reason).
    case unreadable(path: String, reason: String)
    /// The file is not the JSON the converter expects, or its `chat_template` is neither a string
    /// nor a list of `{name, template}` objects.
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "cannot read the chat template in \(path): \(reason); check the checkpoint's permissions"
        case let .malformed(path, reason):
            "\(path) holds no usable chat_template: \(reason); fix the file or download the checkpoint again"
        }
    }
}
