import Foundation
import LlamaTools
import Synchronization
import Testing
@testable import Evaluation

/// Parallel mode against a real llama-server with 2 slots serving the real SmolLM2-135M: one
/// long answer first in the suite must not leave the second slot idle.
@Suite(.serialized, .enabled(if: RealServer.available, "needs the bootstrap's toolchain.json"))
struct RunnerSlotsServerTests {
    /// The first prompt runs to `max_tokens` (128; measured: still going after 200 tokens), the
    /// five after it stop on their own after 7 to 9 tokens each.
    static let longFirstSuite = [
        "name: long-first",
        "sampling: {temperature: 0, seed: 42, max_tokens: 128}",
        "questions:",
        "  - id: dragon-story",
        "    prompt: Write a long story about a dragon who learns to fly.",
        "  - id: capital-france",
        "    prompt: What is the capital of France? Answer with one word.",
        "  - id: capital-japan",
        "    prompt: What is the capital of Japan? Answer with one word.",
        "  - id: capital-italy",
        "    prompt: What is the capital of Italy? Answer with one word.",
        "  - id: two-plus-two",
        "    prompt: What is 2 + 2? Answer with one number.",
        "  - id: sky-colour",
        "    prompt: What color is the sky? Answer with one word.",
    ]

    /// Measured: 13 s on two lightly loaded cores, 39 s with other builds loading them (load
    /// average 7); hence the limit.
    @Test(.timeLimit(.minutes(3)))
    func theOtherSlotKeepsWorkingWhileTheLongAnswerRuns() async throws {
        let folder = try TestFiles.folder("slots")
        let suite = try Suite.load(from: TestFiles.write(Self.longFirstSuite))
        let log = try AnswersLog(url: folder.appending(path: "F16.jsonl"))
        let long = suite.forms()[0].text
        let (records, finishes, busy) = try await ServerProcess.withServer(
            toolchain: Toolchain.locate(explicit: nil), configuration: RealServer.configuration(slots: 2, folder: folder)
        ) { server in
            let client = server.client(timeout: .seconds(120))
            let endpoint = FinishRecorder(client)
            let poller = Task { await BusySlots.poll(client) }
            let records = try await EvaluationRunner(suite: suite, client: endpoint, mode: .parallel, slots: 2)
                .run(variantSHA256: "variant", pass: 1, log: log) { _, _ in }
            poller.cancel()
            return (records, endpoint.finishes, await poller.value)
        }

        let order = suite.forms().map(\.questionID)
        #expect(records.map(\.questionID) == order)
        #expect(try log.existing() == records)
        #expect(records[0].finishReason == "length" && records[0].completionTokens == 128, "\(records[0])")

        let longFinish = try #require(finishes[long])
        let shortFinishes = finishes.filter { $0.key != long }.values.sorted()
        #expect(shortFinishes.count == order.count - 1)
        // The old sliding window let only one short answer finish while the long one ran.
        let shortBeforeLong = shortFinishes.filter { $0 < longFinish }.count
        #expect(shortBeforeLong == order.count - 1, "\(shortBeforeLong) of \(order.count - 1) short answers finished before the long one")
        // The server's own count: both slots busy after the first short answer came back.
        let firstShort = try #require(shortFinishes.first)
        let meanwhile = busy.filter { $0.at > firstShort && $0.at < longFinish }
        let bothBusy = meanwhile.filter { $0.processing == 2 }.count
        #expect(bothBusy > 0, "\(bothBusy) of \(meanwhile.count) samples between the first short answer and the long one saw 2 slots busy")
    }
}

/// Passes requests to a real server's client and records, per prompt, when its answer came back.
private final class FinishRecorder: ChatEndpoint {
    private let client: ServerClient
    private let recorded = Mutex<[String: ContinuousClock.Instant]>([:])

    init(_ client: ServerClient) {
        self.client = client
    }

    /// Prompt text → when its response returned.
    var finishes: [String: ContinuousClock.Instant] { recorded.withLock { $0 } }

    func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
        let response = try await client.chatStreamed(request)
        let now = ContinuousClock.now
        recorded.withLock { $0[request.messages.last?.content ?? ""] = now }
        return response
    }
}

/// Samples the server's `llamacpp:requests_processing` gauge (slots generating or reading a
/// prompt; llama.cpp tools/server/README.md, "Available metrics") every 20 ms until cancelled.
private enum BusySlots {
    struct Sample: Sendable {
        let at: ContinuousClock.Instant
        let processing: Int
    }

    static func poll(_ client: ServerClient) async -> [Sample] {
        var samples: [Sample] = []
        while !Task.isCancelled {
            guard let metrics = try? await client.metrics() else { break }
            samples.append(Sample(at: .now, processing: Int(metrics["llamacpp:requests_processing"] ?? -1)))
            try? await Task.sleep(for: .milliseconds(20))
        }
        return samples
    }
}
