/// Why a request to a remote OpenAI-compatible chat endpoint failed.
///
/// Every case names the URL that was asked (`url`, the full `…/chat/completions` address) and
/// the model, so that a ladder with several endpoints says which one failed. No message ever
/// contains the API key: curl's stderr and the server's reply are masked before they are kept.
public enum RemoteChatError: Error, Equatable, CustomStringConvertible {
    /// The base URL is not an absolute http:// or https:// URL with a host.
    case unsupportedURL(url: String)
    /// The key in `variable` holds a line break or another control character, which would end
    /// the Authorization header early; usually a key file read with its trailing newline.
    case keyHasControlCharacters(variable: String)
    /// No `curl` executable on `PATH`; curl is the HTTPS transport.
    case curlMissing(searchPath: String)
    /// curl could not be started.
    case launchFailed(executable: String, reason: String)
    /// The host name in the URL does not resolve (curl exit 6).
    case hostNotFound(url: String, model: String, host: String)
    /// Nothing accepted the connection (curl exit 7): no server on that host and port, or a
    /// firewall.
    case connectionRefused(url: String, model: String, detail: String)
    /// The server's TLS certificate is not signed by a trusted CA (curl exit 60): by the system
    /// bundle when `caFile` is nil, else by `caFile`.
    case certificateNotTrusted(url: String, model: String, caFile: String?, detail: String)
    /// curl could not read `caFile` as a PEM CA bundle (curl exit 77).
    case caFileUnusable(url: String, model: String, caFile: String, detail: String)
    /// The TLS handshake failed for another reason (curl exit 35): for example a plain-HTTP
    /// server on an https:// URL.
    case tlsHandshakeFailed(url: String, model: String, detail: String)
    /// The server answered 401 or 403: it refused the key in `variable`, or wanted one and
    /// none was sent (`keySent` false: the variable was unset or empty).
    case keyRefused(url: String, model: String, status: Int, variable: String, keySent: Bool, body: String)
    /// The server answered another non-2xx status; `body` is the start of its reply.
    case httpStatus(url: String, model: String, status: Int, body: String)
    /// The reply was 2xx but not a stream of chat completion chunks, or the stream reported an
    /// error of its own.
    case malformedStream(url: String, model: String, reason: String)
    /// The request did not finish within `after` (curl exit 28).
    case timedOut(url: String, model: String, after: Duration)
    /// curl failed in another way (connection reset, empty reply, killed …); an exit code is
    /// curl's own (curl(1), EXIT CODES).
    case transferFailed(url: String, model: String, termination: ProcessTermination, detail: String)

    /// A message for the person at the terminal, naming what to check or change.
    public var description: String {
        switch self {
        case let .unsupportedURL(url):
            "endpoint \(url) is not an http:// or https:// URL with a host; give the base URL ending in /v1, e.g. https://host:8443/v1"
        case let .keyHasControlCharacters(variable):
            "the API key in $\(variable) contains a line break or control character; set the variable to the bare key (strip the trailing newline of a key file)"
        case let .curlMissing(searchPath):
            "curl is not installed (searched PATH=\(searchPath)); remote endpoints need it: apt-get install curl"
        case let .launchFailed(executable, reason):
            "cannot run \(executable): \(reason)"
        case let .hostNotFound(url, model, host):
            "\(url) (model \(model)): host \(host) does not resolve; check the endpoint's host name and DNS"
        case let .connectionRefused(url, model, detail):
            "\(url) (model \(model)): connection refused; is the server running and listening on that host and port? curl: \(detail)"
        case let .certificateNotTrusted(url, model, caFile?, detail):
            "\(url) (model \(model)): the server's TLS certificate is not signed by the CA in ca_file \(caFile); point ca_file at the CA (or self-signed certificate) that issued it. curl: \(detail)"
        case let .certificateNotTrusted(url, model, nil, detail):
            "\(url) (model \(model)): the server's TLS certificate is not trusted by the system CA bundle; if it is self-signed or from a private CA, set ca_file to that CA's PEM file. curl: \(detail)"
        case let .caFileUnusable(url, model, caFile, detail):
            "\(url) (model \(model)): ca_file \(caFile) cannot be read as a PEM CA certificate; check the path and its contents. curl: \(detail)"
        case let .tlsHandshakeFailed(url, model, detail):
            "\(url) (model \(model)): the TLS handshake failed; is the server really speaking HTTPS on that port (use http:// otherwise)? curl: \(detail)"
        case let .keyRefused(url, model, status, variable, true, body):
            "\(url) (model \(model)) refused the API key in $\(variable) with HTTP \(status); set $\(variable) to a key this endpoint accepts. Server said: \(body)"
        case let .keyRefused(url, model, status, variable, false, body):
            "\(url) (model \(model)) answered HTTP \(status) and no API key was sent because $\(variable) is unset or empty; export $\(variable) with the endpoint's key. Server said: \(body)"
        case let .httpStatus(url, model, status, body):
            "\(url) (model \(model)) answered HTTP \(status): \(body)"
        case let .malformedStream(url, model, reason):
            "\(url) (model \(model)) did not send a valid chat completion stream: \(reason)"
        case let .timedOut(url, model, after):
            "\(url) (model \(model)) did not finish answering within \(after); raise the timeout or check the server's load"
        case let .transferFailed(url, model, termination, detail):
            "request to \(url) (model \(model)) failed: curl \(termination): \(detail)"
        }
    }
}
