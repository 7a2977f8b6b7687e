import Foundation
import Testing
@testable import LlamaTools

/// Every client endpoint against one real llama-server serving SmolLM2-135M.
@Suite(.serialized, .enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"))
struct ServerClientTests {
    @Test(.timeLimit(.minutes(3)))
    func chatPlainStreamedCompletionPropsMetricsTokenize() async throws {
        let configuration = ServerTestSupport.configuration("client")
        let request = ChatRequest(messages: ServerTestSupport.question, temperature: 0, seed: 42, maxTokens: 6)
        let pid = try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
            #expect(server.port > 0)
            #expect(server.loadSeconds > 0)
            let client = server.client(timeout: .seconds(120))
            #expect(try await client.health())

            let plain = try await client.chat(request)
            #expect(!plain.text.isEmpty)
            #expect(plain.ttftSeconds == nil)
            #expect(["stop", "length"].contains(plain.finishReason ?? ""))
            #expect(plain.completionTokens > 0 && plain.completionTokens <= 6)
            #expect(plain.promptTokens > 0)
            #expect(plain.timings?.predictedN == plain.completionTokens)
            #expect(plain.timings?.promptN == plain.promptTokens)

            let streamed = try await client.chatStreamed(request)
            #expect(streamed.text == plain.text)
            #expect(streamed.finishReason == plain.finishReason)
            #expect(streamed.completionTokens == plain.completionTokens)
            let ttft = try #require(streamed.ttftSeconds)
            #expect(ttft > 0 && ttft <= streamed.wallSeconds)
            #expect(streamed.timings?.predictedN == streamed.completionTokens)

            let completion = try await client.completion(prompt: "The capital of France is", maxTokens: 2, nProbs: 3, temperature: 0, seed: 42)
            #expect(completion.content.contains("Paris"))
            #expect(completion.tokensPredicted == 2)
            #expect(completion.stopType == "limit")
            #expect(completion.probabilities.count == 2)
            for position in completion.probabilities {
                #expect(position.logprob <= 0)
                #expect(position.topLogprobs.count == 3)
                #expect(position.topLogprobs.first?.id == position.id)
            }

            let props = try await client.props()
            #expect(props.totalSlots == 1)
            #expect(props.contextSize == 1024)
            #expect(props.modelPath == configuration.model.path)
            #expect(props.chatTemplate?.contains("im_start") == true)

            let metrics = try await client.metrics()
            let predicted = try #require(metrics["llamacpp:tokens_predicted_total"])
            #expect(predicted >= Double(plain.completionTokens + streamed.completionTokens + completion.tokensPredicted))

            let tokens = try await client.tokenize("Hello world")
            #expect(tokens == [19556, 905])

            let peak = try #require(server.peakRSSBytes())
            #expect(peak > 50 * 1024 * 1024)
            return server.processID
        }
        #expect(!ServerTestSupport.isListed(pid))
    }

    @Test(.timeLimit(.minutes(3)))
    func apiKeyIsRequiredAndNeverShown() async throws {
        let key = "qo-test-key-\(UUID().uuidString)"
        var configuration = ServerTestSupport.configuration("apikey")
        configuration.apiKey = key
        #expect(!String(describing: configuration).contains(key))
        let pid = try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
            let anonymous = ServerClient(baseURL: server.baseURL, timeout: .seconds(60))
            await #expect(throws: ServerError.unauthorized(endpoint: "/tokenize")) { try await anonymous.tokenize("Hello") }
            let wrong = ServerClient(baseURL: server.baseURL, apiKey: "wrong", timeout: .seconds(60))
            let error = await #expect(throws: ServerError.self) { try await wrong.chatStreamed(
                ChatRequest(messages: ServerTestSupport.question, temperature: 0, seed: 1, maxTokens: 2)) }
            #expect(error == .unauthorized(endpoint: "/v1/chat/completions"))
            let client = server.client(timeout: .seconds(60))
            #expect(try await client.tokenize("Hello world") == [19556, 905])
            #expect(!String(describing: client).contains(key))
            #expect(!String(describing: server).contains(key))
            let commandLine = try String(contentsOfFile: "/proc/\(server.processID)/cmdline", encoding: .utf8)
            #expect(!commandLine.contains(key))
            return server.processID
        }
        #expect(!ServerTestSupport.isListed(pid))
        #expect(try !String(contentsOf: configuration.logFile, encoding: .utf8).contains(key))
    }
}
