import Foundation

/// Turns the bytes of a streamed chat completion reply into the answer, as they arrive.
///
/// The HTTP status is known only once curl has ended (it is printed by `--write-out`), so
/// every byte is fed here, a 4xx error body included: the first `keptBytes` are kept for the
/// error message, and a chunk that fails to decode is recorded as `problem` instead of
/// thrown, for the caller to report once it knows the status was 2xx.
struct RemoteChatStream {
    /// Bytes of the reply kept for error messages.
    static let keptBytes = 2000

    private var parser = ServerSentEventParser()
    /// The answer so far: the content deltas in order.
    private(set) var text = ""
    /// When the first chunk with non-empty content arrived.
    private(set) var firstContent: ContinuousClock.Instant?
    /// The last `finish_reason` seen.
    private(set) var finishReason: String?
    /// The `usage` of the final chunk (`stream_options.include_usage`).
    private(set) var usage: ServerWireFormat.Usage?
    /// True once `data: [DONE]` arrived.
    private(set) var isDone = false
    /// The first thing wrong with the stream: an undecodable chunk or an error event.
    private(set) var problem: String?
    /// The first `keptBytes` bytes of the reply.
    private(set) var head: [UInt8] = []

    /// Feeds bytes that arrived at `now`.
    mutating func feed(_ bytes: some Collection<UInt8>, at now: ContinuousClock.Instant) {
        if head.count < Self.keptBytes { head += bytes.prefix(Self.keptBytes - head.count) }
        for payload in parser.feed(bytes) { handle(payload, at: now) }
    }

    /// Ends the stream: delivers an event cut off before its closing blank line, and notes a
    /// stream that never finished.
    mutating func finish(at now: ContinuousClock.Instant) {
        if let last = parser.finish() { handle(last, at: now) }
        if problem == nil, !isDone, finishReason == nil {
            problem = head.isEmpty
                ? "the reply is empty"
                : "the reply ended without a finish_reason or data: [DONE]; it begins: \(String(decoding: head.prefix(300), as: UTF8.self))"
        }
    }

    private mutating func handle(_ payload: String, at now: ContinuousClock.Instant) {
        guard !isDone, problem == nil else { return }
        if payload == "[DONE]" {
            isDone = true
            return
        }
        let chunk: RemoteChatChunk
        do {
            chunk = try JSONDecoder().decode(RemoteChatChunk.self, from: Data(payload.utf8))
        } catch {
            problem = "a chunk is not a chat.completion.chunk (\(error)): \(payload.prefix(300))"
            return
        }
        if let error = chunk.error {
            problem = "the stream reported an error: \(error.message ?? payload)"
            return
        }
        for choice in chunk.choices ?? [] {
            if let content = choice.delta?.content, !content.isEmpty {
                if firstContent == nil { firstContent = now }
                text += content
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
        usage = chunk.usage ?? usage
    }
}
