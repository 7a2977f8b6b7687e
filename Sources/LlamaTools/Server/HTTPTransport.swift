import Foundation

/// Sends one HTTP request to llama-server and maps every failure to `ServerError`.
///
/// Each request gets a fresh `LoopbackSocket` and a thread of its own that sleeps in poll(2)
/// while llama-server works: blocking I/O there keeps the Swift concurrency pool free even with
/// many requests in flight, and the client costs no CPU while it waits (URLSession on Linux
/// busy-loops instead; see `LoopbackSocket`). `timeout` bounds the whole request, from connect
/// to the reply's last byte. Task cancellation, or ending a stream's iteration, wakes the
/// thread at once; the request then ends with `CancellationError`.
struct HTTPTransport: Sendable {
    let baseURL: URL
    let apiKey: RedactedSecret?
    let timeout: Duration

    /// Bytes read from the socket at a time.
    private static let receiveBufferBytes = 64 * 1024

    /// A request for `path` (e.g. "/v1/chat/completions"): a POST with `body` as JSON when one
    /// is given, else a GET; carries the Bearer key when one is set.
    /// - Throws: `EncodingError` when the body cannot be encoded.
    func request(_ path: String, json body: (any Encodable)? = nil) throws -> HTTPRequest {
        let prefix = baseURL.path.hasSuffix("/") ? String(baseURL.path.dropLast()) : baseURL.path
        return HTTPRequest(method: body == nil ? "GET" : "POST", path: prefix + path,
                           jsonBody: try body.map { try JSONEncoder().encode($0) }, apiKey: apiKey)
    }

    /// Sends the request and returns the status code and the whole body.
    /// - Throws: `ServerError.transport`, or `CancellationError` when the task was cancelled.
    func send(_ request: HTTPRequest, endpoint: String) async throws -> (status: Int, body: Data) {
        let socket = try openSocket(endpoint: endpoint)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(status: Int, body: Data), any Error>) in
                Thread.detachNewThread {
                    var status = 0
                    var body = Data()
                    let result = Result {
                        try exchange(request, on: socket) { event in
                            switch event {
                            case let .head(head): status = head.status
                            case let .body(bytes): body.append(contentsOf: bytes)
                            case .end: break
                            }
                        }
                        return (status: status, body: body)
                    }
                    socket.close()
                    continuation.resume(with: result.mapError { Self.mapped($0, endpoint: endpoint) })
                }
            }
        } onCancel: {
            socket.cancel()
        }
    }

    /// Sends the request and yields the `data` payload of each server-sent event as it arrives.
    /// A non-2xx status ends the stream with the error `checkStatus` gives; ending iteration
    /// early cancels the request.
    func events(_ request: HTTPRequest, endpoint: String) -> AsyncThrowingStream<String, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: String.self, throwing: (any Error).self)
        let socket: LoopbackSocket
        do {
            socket = try openSocket(endpoint: endpoint)
        } catch {
            continuation.finish(throwing: error)
            return stream
        }
        continuation.onTermination = { _ in socket.cancel() }
        Thread.detachNewThread {
            var parser = ServerSentEventParser()
            var status = 0
            var errorBody = Data()
            do {
                try exchange(request, on: socket) { event in
                    switch event {
                    case let .head(head):
                        status = head.status
                    case let .body(bytes) where (200..<300).contains(status):
                        for payload in parser.feed(bytes) { continuation.yield(payload) }
                    case let .body(bytes):
                        errorBody.append(contentsOf: bytes)
                    case .end:
                        break
                    }
                }
                socket.close()
                try Self.checkStatus(status, body: errorBody, endpoint: endpoint)
                if let last = parser.finish() { continuation.yield(last) }
                continuation.finish()
            } catch {
                socket.close()
                continuation.finish(throwing: Self.mapped(error, endpoint: endpoint))
            }
        }
        return stream
    }

    /// Connects, sends `request`, and hands each reply event to `handle` as it is parsed;
    /// returns after `.end`. Blocks the calling thread.
    private func exchange(_ request: HTTPRequest, on socket: LoopbackSocket,
                          handle: (HTTPResponseParser.Event) throws -> Void) throws {
        let deadline = ContinuousClock.now + timeout
        let port = try loopbackPort()
        try socket.connect(port: port, deadline: deadline, timeout: timeout)
        try socket.send(request.serialized(host: "127.0.0.1:\(port)"), deadline: deadline, timeout: timeout)
        var parser = HTTPResponseParser()
        var buffer = [UInt8](repeating: 0, count: Self.receiveBufferBytes)
        while true {
            let count = try socket.receive(into: &buffer, deadline: deadline, timeout: timeout)
            let events = count == 0 ? try parser.finish() : try parser.feed(buffer[..<count])
            for event in events { try handle(event) }
            if events.last == .end { return }
        }
    }

    /// The port of `baseURL`, which must name a local llama-server over plain HTTP.
    private func loopbackPort() throws(HTTPFailure) -> Int {
        guard baseURL.scheme == "http", ["127.0.0.1", "localhost"].contains(baseURL.host() ?? "") else {
            throw .unsupportedURL(baseURL.absoluteString)
        }
        return baseURL.port ?? 80
    }

    private func openSocket(endpoint: String) throws(ServerError) -> LoopbackSocket {
        do {
            return try LoopbackSocket()
        } catch {
            throw .transport(endpoint: endpoint, reason: error.description)
        }
    }

    /// An `HTTPFailure` as `ServerError.transport`; `CancellationError` and `ServerError` pass through.
    static func mapped(_ error: any Error, endpoint: String) -> any Error {
        if let failure = error as? HTTPFailure { return ServerError.transport(endpoint: endpoint, reason: failure.description) }
        return error
    }

    /// Passes a 2xx reply through; maps 401 to `.unauthorized` and other statuses to `.httpStatus`
    /// with the first 1000 characters of the body.
    static func checkStatus(_ status: Int, body: Data, endpoint: String) throws(ServerError) {
        switch status {
        case 200..<300: return
        case 401: throw .unauthorized(endpoint: endpoint)
        default: throw .httpStatus(endpoint: endpoint, status: status, body: String(String(decoding: body, as: UTF8.self).prefix(1000)))
        }
    }
}
