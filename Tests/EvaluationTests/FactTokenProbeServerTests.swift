import Foundation
import LlamaTools
import Testing
@testable import Evaluation

/// The fact-token probe on a real llama-server, probing its own greedy chat answers: the
/// self-consistency the method rests on.
@Suite(.serialized, .enabled(if: RealServer.available, "needs the bootstrap's toolchain.json"))
struct FactTokenProbeServerTests {
    @Test(.timeLimit(.minutes(4)))
    func theBaselineRanksTheFactTokensOfItsOwnAnswersFirst() async throws {
        let folder = try TestFiles.folder("fact-token-probe")
        let questions: [(id: String, prompt: String, facts: [KeyFact])] = [
            ("capital-france", "What is the capital of France?", [.text("Paris")]),
            ("capital-japan", "What is the capital of Japan?", [.text("Tokyo")]),
            ("water-boiling-point", "What is the boiling point of water in degrees Celsius?", [.number(value: 100, relTol: 0, unit: nil)]),
        ]
        let system = ChatMessage(role: "system", content: "You are a helpful assistant. Answer in one short sentence.")
        try await ServerProcess.withServer(toolchain: Toolchain.locate(explicit: nil),
                                           configuration: RealServer.configuration(slots: 1, folder: folder)) { server in
            let client = server.client(timeout: .seconds(120))
            var inputs: [FactProbeInput] = []
            for question in questions {
                let messages = [system, ChatMessage(role: "user", content: question.prompt)]
                let answer = try await client.chatStreamed(ChatRequest(messages: messages, temperature: 0, seed: 42, maxTokens: 32))
                inputs.append(FactProbeInput(questionID: question.id, prefix: try await client.applyTemplate(messages),
                                             answer: answer.text, facts: question.facts))
            }
            let evidence = try await FactTokenProbe(endpoint: client).evidence(variant: "Q4_1", inputs: inputs)
            let facts = evidence.questions.flatMap(\.facts)
            #expect(facts.count >= 2, "SmolLM2 states most of these facts: \(inputs.map(\.answer))")
            for fact in facts {
                #expect(!fact.positions.isEmpty)
                #expect(!fact.atRisk, "\(fact.fact): \(fact.positions)")
                #expect((fact.minMarginNats ?? 0) > 0)
            }
            let summary = try FactRiskSummary(variant: evidence, baseline: evidence)
            #expect(summary.factsProbed == facts.count)
            #expect(summary.factsAtRisk == 0)
        }
    }
}
