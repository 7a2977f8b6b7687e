import Foundation
import LlamaTools
import Testing
@testable import Evaluation

/// The divergence probe on a real llama-server: its own greedy answer set against the same
/// answer with the fact changed.
@Suite(.serialized, .enabled(if: RealServer.available, "needs the bootstrap's toolchain.json"))
struct DivergenceProbeServerTests {
    @Test(.timeLimit(.minutes(4)))
    func aChangedFactPartsAtItsTokenWhereTheModelRanksItsOwnTokenFirst() async throws {
        let folder = try TestFiles.folder("divergence-probe")
        let messages = [ChatMessage(role: "system", content: "You are a helpful assistant. Answer in one short sentence."),
                        ChatMessage(role: "user", content: "What is the capital of France?")]
        try await ServerProcess.withServer(toolchain: Toolchain.locate(explicit: nil),
                                           configuration: RealServer.configuration(slots: 1, folder: folder)) { server in
            let client = server.client(timeout: .seconds(120))
            let answer = try await client.chatStreamed(ChatRequest(messages: messages, temperature: 0, seed: 42, maxTokens: 32)).text
            try #require(answer.contains("Paris"), "SmolLM2 names Paris: \(answer)")
            let changed = answer.replacingOccurrences(of: "Paris", with: "Lyon")
            let probe = DivergenceProbe(endpoint: client)
            let input = DivergenceInput(questionID: "capital-france", form: "original", baselineAnswer: answer, variantAnswer: changed,
                                        facts: [.text("Paris")])
            let point = try #require(try await probe.locate(input))
            let before = String(decoding: Array(answer.utf8)[..<point.offset], as: UTF8.self)
            #expect(answer.utf8.starts(with: before.utf8) && changed.utf8.starts(with: before.utf8))
            #expect(!before.contains("Paris") && (answer.range(of: "Paris").map { answer[..<$0.lowerBound].utf8.count } ?? -1) >= point.offset)
            #expect(point.fact == "Paris", "\(point)")
            #expect(point.baselineToken.map { "Paris".hasPrefix($0.text.trimmingCharacters(in: .whitespaces)) } == true, "\(point)")
            let path = try await probe.walk(prompt: try await client.applyTemplate(messages), answer: answer, from: point,
                                            divergenceByte: DivergenceProbe.commonBytes(answer, changed))
            let candidates = try #require(path.first)
            #expect(candidates.count == 5)
            #expect(candidates.first?.id == point.baselineToken?.id, "the model's own greedy token ranks first: \(candidates)")
            #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0.logprob >= $1.logprob })
            let settled = DivergenceProbe.settle(point, input, baseline: path, variant: nil)
            #expect(settled.baselineToken == point.baselineToken && settled.fact == "Paris")
            #expect(try await probe.locate(DivergenceInput(questionID: "q", form: "original", baselineAnswer: answer, variantAnswer: answer, facts: [])) == nil)
        }
    }
}
