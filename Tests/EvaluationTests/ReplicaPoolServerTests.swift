import Foundation
import LlamaTools
import Synchronization
import Testing
@testable import Evaluation

/// `evaluation.replicas`: the suite spread over two single-slot llama-servers of the real
/// SmolLM2-135M must give sequential mode's answers, token for token, since each request is
/// alone in its server's batch.
@Suite(.serialized, .enabled(if: RealServer.available, "needs the bootstrap's toolchain.json"))
struct ReplicaPoolServerTests {
    @Test(.timeLimit(.minutes(5)))
    func twoReplicasAnswerAsSequentialModeDoes() async throws {
        let folder = try TestFiles.folder("replicas")
        let suite = try Suite.load(from: TestFiles.write(RealServer.smallSuite))
        let toolchain = Toolchain.locate(explicit: nil)
        let sequential = try await ServerProcess.withServer(toolchain: toolchain, configuration: RealServer.configuration(slots: 1, folder: folder)) { server in
            try await EvaluationRunner(suite: suite, client: server.client(timeout: .seconds(120)), mode: .sequential, slots: 1)
                .run(variantSHA256: "v", pass: 1, log: try AnswersLog(url: folder.appending(path: "sequential.jsonl"))) { _, _ in }
        }

        // As the serve stage does: the recipe's two threads shared, one per replica.
        var configuration = RealServer.configuration(slots: 1, folder: folder)
        configuration.threads = 1
        let replica = configuration
        let (spread, served) = try await ServerProcess.withServer(toolchain: toolchain, configuration: replica) { first in
            var second = replica
            second.logFile = folder.appending(path: "server-replica2.log")
            return try await ServerProcess.withServer(toolchain: toolchain, configuration: second) { other in
                let counters = [first, other].map { CountingEndpoint($0.client(timeout: .seconds(120))) }
                let records = try await EvaluationRunner(suite: suite, client: ReplicaPool(counters), mode: .parallel, slots: 2)
                    .run(variantSHA256: "v", pass: 1, log: try AnswersLog(url: folder.appending(path: "replicas.jsonl"))) { _, _ in }
                return (records, counters.map(\.count))
            }
        }

        #expect(spread.map(\.questionID) == sequential.map(\.questionID), "the answers file keeps the suite's order")
        #expect(spread.map(\.answer) == sequential.map(\.answer))
        #expect(spread.map(\.completionTokens) == sequential.map(\.completionTokens))
        #expect(served.allSatisfy { $0 > 0 } && served.reduce(0, +) == suite.forms().count, "both replicas answered: \(served)")
    }
}

/// A chat endpoint that counts the requests it answered.
private final class CountingEndpoint: ChatEndpoint {
    private let client: any ChatEndpoint
    private let answered = Mutex(0)

    init(_ client: any ChatEndpoint) {
        self.client = client
    }

    var count: Int { answered.withLock { $0 } }

    func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
        let response = try await client.chatStreamed(request)
        answered.withLock { $0 += 1 }
        return response
    }
}
