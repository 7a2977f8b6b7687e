import Synchronization

/// One chat endpoint over several single-slot replicas of the same GGUF: each request goes to
/// a replica with nothing in flight, so it is alone in that server's batch and its greedy
/// answer is the one sequential mode gets (llama.cpp's batched kernels can round differently
/// when requests share a batch; see the noise floor), while up to `replicas.count` requests
/// run at once.
///
/// A request that finds every replica busy waits for one (polled every 5 ms, cancellable): the
/// runner keeps at most as many requests in flight as there are replicas, so it does not wait
/// in practice.
public final class ReplicaPool: ChatEndpoint {
    private let replicas: [any ChatEndpoint]
    private let busy: Mutex<[Bool]>

    /// - Parameter replicas: the replicas' clients, at least one.
    public init(_ replicas: [any ChatEndpoint]) {
        precondition(!replicas.isEmpty, "a replica pool needs a replica")
        self.replicas = replicas
        busy = Mutex(Array(repeating: false, count: replicas.count))
    }

    /// Sends `request` to an idle replica.
    /// - Throws: the replica's error, or `CancellationError` while waiting for one.
    public func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
        let index = try await acquire()
        defer { busy.withLock { $0[index] = false } }
        return try await replicas[index].chatStreamed(request)
    }

    private func acquire() async throws -> Int {
        while true {
            let index = busy.withLock { flags -> Int? in
                guard let free = flags.firstIndex(of: false) else { return nil }
                flags[free] = true
                return free
            }
            if let index { return index }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
