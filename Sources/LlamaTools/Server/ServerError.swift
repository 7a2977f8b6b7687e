import Foundation

/// Why a llama-server could not be started, reached or understood.
///
/// Messages name the model, port, log file or endpoint involved. None of them ever contains
/// the API key: request bodies are not echoed, and log excerpts have the key masked.
public enum ServerError: Error, Equatable, CustomStringConvertible {
    /// The model file does not exist or is not a regular file; detected before launch.
    case modelMissing(path: String)
    /// llama-server's log says it could not bind the fixed port in `ServerConfiguration.port`
    /// (or every free port tried): another process holds it.
    case portTaken(port: Int, logFile: String)
    /// llama-server could not be spawned at all (exec failed).
    case launchFailed(executable: String, reason: String)
    /// llama-server ended before `/health` answered 200, while loading the model file named
    /// `model`: an exit code (bad argument, unreadable model …) or a signal (a crash, SIGILL
    /// from a build this CPU cannot run); `lastLines` is the tail of its log.
    case endedBeforeReady(termination: ProcessTermination, model: String, logFile: String, lastLines: String)
    /// llama-server ended on its own after it was ready, while the caller was using it to serve
    /// the model file named `model`; reported instead of the request failure it caused.
    case endedWhileServing(termination: ProcessTermination, model: String, logFile: String, lastLines: String)
    /// `/health` did not answer 200 within the startup timeout; the server was stopped.
    case healthTimeout(after: Duration, logFile: String, lastLines: String)
    /// The server answered 401: the API key is missing or wrong.
    case unauthorized(endpoint: String)
    /// The server answered a non-2xx status other than 401; `body` is its reply (truncated).
    case httpStatus(endpoint: String, status: Int, body: String)
    /// The reply could not be decoded into the expected shape.
    case decodingFailed(endpoint: String, reason: String)
    /// The request did not reach the server or got no complete reply (refused, reset, timed out).
    case transport(endpoint: String, reason: String)

    /// A message for the person at the terminal, naming what to check or change.
    public var description: String {
        switch self {
        case let .modelMissing(path):
            "model file not found: \(path); check the path (a .gguf file produced by the convert or quantize stage)"
        case let .portTaken(port, logFile):
            "llama-server could not bind 127.0.0.1:\(port): the port is already in use (log: \(logFile)); leave ServerConfiguration.port nil to pick a free port"
        case let .launchFailed(executable, reason):
            "cannot launch \(executable): \(reason)"
        case let .endedBeforeReady(termination, model, logFile, lastLines):
            "\(termination.sentence(tool: "llama-server", activity: "loading \(model)")); log \(logFile) ends with:\n\(lastLines)"
        case let .endedWhileServing(termination, model, logFile, lastLines):
            "\(termination.sentence(tool: "llama-server", activity: "serving \(model)")); log \(logFile) ends with:\n\(lastLines)"
        case let .healthTimeout(after, logFile, lastLines):
            "llama-server did not report healthy within \(after) and was stopped; raise startupTimeout for large models; log \(logFile) ends with:\n\(lastLines)"
        case let .unauthorized(endpoint):
            "llama-server refused \(endpoint) with 401: the API key is missing or does not match the server's --api-key"
        case let .httpStatus(endpoint, status, body):
            "llama-server answered \(endpoint) with HTTP \(status): \(body)"
        case let .decodingFailed(endpoint, reason):
            "unexpected reply from llama-server \(endpoint): \(reason)"
        case let .transport(endpoint, reason):
            "request to llama-server \(endpoint) failed: \(reason)"
        }
    }
}
