/// Why `quantorch run` stopped. The case decides the exit code (docs/ARCHITECTURE.md "Command line"): bad input 2,
/// everything else 1. Messages are one line a user can act on.
public enum PipelineError: Error, CustomStringConvertible {
    /// The recipe, suite, flags or files are wrong (exit 2).
    case badInput(String)
    /// A llama.cpp tool, git or the converter failed (exit 1).
    case toolFailed(String)
    /// Not enough free disk for the planned artifacts (exit 1).
    case insufficientDisk(String)
    /// Writing or reading the work folder or results repository failed (exit 1).
    case io(String)
    /// Another run holds this model revision's work folder (exit 1); the message names its PID.
    case workFolderBusy(String)

    public var description: String {
        switch self {
        case let .badInput(message), let .toolFailed(message), let .insufficientDisk(message), let .io(message),
             let .workFolderBusy(message): message
        }
    }

    /// True for errors the user fixes in their input.
    public var isBadInput: Bool {
        if case .badInput = self { return true }
        return false
    }
}
