import Foundation
import LlamaTools
import Testing
@testable import Evaluation

/// The prompt-length check against a real llama-server serving the real SmolLM2-135M.
@Suite(.serialized, .enabled(if: RealServer.available, "needs the bootstrap's toolchain.json"))
struct PromptLengthCheckTests {
    static func suite(longWords: Int) throws -> Evaluation.Suite {
        let long = Array(repeating: "Describe the history of the city", count: longWords / 6).joined(separator: " ")
        return try Suite.load(from: TestFiles.write([
            "name: length-check",
            "system_prompt: You are a helpful assistant.",
            "sampling: {temperature: 0, seed: 42, max_tokens: 64}",
            "questions:",
            "  - id: short",
            "    prompt: What is the capital of France?",
            "    key_facts: [Paris]",
            "  - id: overlong",
            "    prompt: \"\(long)\"",
            "    key_facts: [city]",
        ]))
    }

    @Test(.timeLimit(.minutes(4)))
    func anOverlongPromptIsNamedWithItsTokenCountAndTheLimitBeforeAnyQuestion() async throws {
        let folder = try TestFiles.folder("length")
        let suite = try Self.suite(longWords: 1200)
        let short = try Self.suite(longWords: 60)
        try await ServerProcess.withServer(toolchain: Toolchain.locate(explicit: nil),
                                           configuration: RealServer.configuration(slots: 1, folder: folder)) { server in
            let runner = EvaluationRunner(suite: suite, client: server.client(timeout: .seconds(120)), mode: .sequential, slots: 1)
            do {
                try await runner.checkPromptsFit()
                Issue.record("a prompt of about 1,200 words fit a 1,024-token context")
            } catch let tooLong as PromptTooLong {
                #expect(tooLong.questionID == "overlong" && tooLong.form == "original")
                #expect(tooLong.contextSize == 1024 && tooLong.maxTokens == 64 && tooLong.limit == 960)
                #expect(tooLong.tokens > 960)
                #expect(tooLong.description.contains("question 'overlong'") && tooLong.description.contains("\(tooLong.tokens) tokens")
                        && tooLong.description.contains("limit of 960"), "\(tooLong)")
            }
            // The same suite with the long prompt cut to a tenth fits.
            try await EvaluationRunner(suite: short, client: server.client(timeout: .seconds(120)), mode: .sequential, slots: 1)
                .checkPromptsFit()

            // The count is the one the server itself evaluates for a chat request.
            let prompt = try #require(short.forms().first { $0.questionID == "short" })
            let counted = try await runner.promptTokens(prompt, on: server.client(timeout: .seconds(120)))
            let answer = try await server.client(timeout: .seconds(120)).chat(ChatRequest(
                messages: runner.messages(for: prompt), temperature: 0, seed: 42, maxTokens: 4))
            #expect(counted == answer.promptTokens, "counted \(counted), the server evaluated \(answer.promptTokens)")
        }
    }
}
