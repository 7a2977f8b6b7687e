import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why one exchange with llama-server failed below the HTTP status level: the socket, a
/// deadline, or a reply that is not well-formed HTTP/1.1. `HTTPTransport` reports each as
/// `ServerError.transport`, whose message carries this description.
enum HTTPFailure: Error, Equatable, CustomStringConvertible {
    /// The base URL is not `http://127.0.0.1:PORT` (or `localhost`): the transport talks to a
    /// local llama-server only.
    case unsupportedURL(String)
    /// A socket call failed; `code` is its errno.
    case system(call: String, code: Int32)
    /// No reply completed within the client's timeout.
    case timedOut(after: Duration)
    /// The reply broke HTTP/1.1 framing; `detail` says where.
    case malformedReply(detail: String)
    /// The server closed the connection before the reply was complete.
    case closedEarly(detail: String)

    var description: String {
        switch self {
        case let .unsupportedURL(url):
            "unsupported server URL \(url): only http://127.0.0.1:PORT (a local llama-server) is supported"
        case let .system(call, code):
            "\(call) failed: \(String(cString: strerror(code)))"
        case let .timedOut(after):
            "no complete reply within \(after); raise the client timeout for long generations"
        case let .malformedReply(detail):
            "malformed HTTP reply: \(detail)"
        case let .closedEarly(detail):
            "the server closed the connection \(detail)"
        }
    }
}
