import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Sends one HTTP request to llama-server and maps every failure to `ServerError`.
///
/// Each request gets its own ephemeral URLSession, invalidated when the request ends: a
/// delegate session is needed per streamed request anyway, and on loopback the setup cost is
/// noise next to generation. Task cancellation cancels the URLSession task.
struct HTTPTransport: Sendable {
    let baseURL: URL
    let apiKey: RedactedSecret?
    let timeout: Duration

    /// A request for `path` (e.g. "/v1/chat/completions"), with the Bearer key when one is set.
    func request(_ path: String, json body: (any Encodable)? = nil) throws -> URLRequest {
        var request = URLRequest(url: baseURL.appending(path: path), timeoutInterval: timeout.seconds)
        if let body {
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONEncoder().encode(body)
        }
        if let apiKey { request.setValue("Bearer \(apiKey.value)", forHTTPHeaderField: "Authorization") }
        return request
    }

    /// Sends the request and returns the status code and the whole body.
    /// - Throws: `ServerError.transport`, or `CancellationError` when the task was cancelled.
    func send(_ request: URLRequest, endpoint: String) async throws -> (status: Int, body: Data) {
        let session = URLSession(configuration: sessionConfiguration())
        defer { session.finishTasksAndInvalidate() }
        let handle = CancellableTask()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(status: Int, body: Data), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.mapped(error, endpoint: endpoint))
                    } else if let http = response as? HTTPURLResponse {
                        continuation.resume(returning: (http.statusCode, data ?? Data()))
                    } else {
                        continuation.resume(throwing: ServerError.transport(endpoint: endpoint, reason: "no HTTP response"))
                    }
                }
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
    }

    /// Sends the request and yields the `data` payload of each server-sent event as it arrives.
    /// A non-2xx status ends the stream with the error `checkStatus` gives; ending iteration
    /// early cancels the request.
    func events(_ request: URLRequest, endpoint: String) -> AsyncThrowingStream<String, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: String.self, throwing: (any Error).self)
        let delegate = ServerSentEventDelegate(endpoint: endpoint, continuation: continuation)
        let session = URLSession(configuration: sessionConfiguration(), delegate: delegate, delegateQueue: nil)
        let task = session.dataTask(with: request)
        let handle = CancellableTask()
        continuation.onTermination = { _ in handle.cancel() }
        handle.start(task)
        session.finishTasksAndInvalidate()
        return stream
    }

    private func sessionConfiguration() -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout.seconds
        configuration.timeoutIntervalForResource = timeout.seconds
        return configuration
    }

    /// A URLSession error as `ServerError.transport`, or `CancellationError` for a cancelled task.
    static func mapped(_ error: any Error, endpoint: String) -> any Error {
        if let urlError = error as? URLError, urlError.code == .cancelled { return CancellationError() }
        return ServerError.transport(endpoint: endpoint, reason: error.localizedDescription)
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

/// A URLSession task that can be cancelled before or after it is started, from any thread.
final class CancellableTask: Sendable {
    private let state = Mutex<(task: URLSessionTask?, cancelled: Bool)>((nil, false))

    /// Resumes the task, or cancels it at once when `cancel()` came first.
    func start(_ task: URLSessionTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        task.resume()
        if cancelled { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
