import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Feeds a streamed HTTP reply through `ServerSentEventParser` into an AsyncThrowingStream.
///
/// Needed because `URLSession.bytes(for:)` does not exist in swift-corelibs-foundation; the
/// data delegate sees each chunk as it arrives, which is what makes client-side TTFT real.
final class ServerSentEventDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var parser = ServerSentEventParser()
        var errorBody = Data()
    }

    private let endpoint: String
    private let continuation: AsyncThrowingStream<String, any Error>.Continuation
    private let state = Mutex(State())

    init(endpoint: String, continuation: AsyncThrowingStream<String, any Error>.Continuation) {
        self.endpoint = endpoint
        self.continuation = continuation
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let status = (dataTask.response as? HTTPURLResponse)?.statusCode ?? 0
        let events = state.withLock { state -> [String] in
            guard (200..<300).contains(status) else {
                state.errorBody.append(data)
                return []
            }
            return state.parser.feed(data)
        }
        for event in events { continuation.yield(event) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            continuation.finish(throwing: HTTPTransport.mapped(error, endpoint: endpoint))
            return
        }
        let status = (task.response as? HTTPURLResponse)?.statusCode ?? 0
        let (body, last) = state.withLock { state in (state.errorBody, state.parser.finish()) }
        do {
            try HTTPTransport.checkStatus(status, body: body, endpoint: endpoint)
            if let last { continuation.yield(last) }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }
}
