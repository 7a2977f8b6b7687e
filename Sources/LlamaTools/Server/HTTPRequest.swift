import Foundation

/// One HTTP/1.1 request to llama-server, ready to be written to a fresh connection.
///
/// Always sent with `Connection: close`: each request has its own loopback connection, so the
/// reply's end never depends on keep-alive bookkeeping. The API key travels as
/// `Authorization: Bearer` and is left out of `description`.
struct HTTPRequest: Sendable, CustomStringConvertible {
    /// "GET" or "POST".
    let method: String
    /// The request target, e.g. "/v1/chat/completions".
    let path: String
    /// The JSON body of a POST, nil for a GET.
    let jsonBody: Data?
    /// The server's API key, if it was started with one.
    let apiKey: RedactedSecret?

    var description: String { "\(method) \(path)" }

    /// The bytes on the wire: request line, header fields, blank line, body.
    /// - Parameter host: the `Host` field's value, e.g. "127.0.0.1:8080".
    func serialized(host: String) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\nAccept: */*\r\n"
        if let jsonBody {
            head += "Content-Type: application/json\r\nContent-Length: \(jsonBody.count)\r\n"
        }
        if let apiKey { head += "Authorization: Bearer \(apiKey.value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + (jsonBody.map(Array.init) ?? [])
    }
}
