import Foundation
import Testing
@testable import LlamaTools

/// Token pieces and next-token candidates against one real llama-server serving SmolLM2-135M.
@Suite(.serialized, .enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"))
struct TeacherForcingTests {
    @Test(.timeLimit(.minutes(3)))
    func piecesSpellTheTextAndTheServerRanksItsOwnGreedyTokensFirst() async throws {
        try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain,
                                           configuration: ServerTestSupport.configuration("teacher-forcing")) { server in
            let client = server.client(timeout: .seconds(120))

            let text = "<|im_start|>user\nHé á 日本: 150 mg<|im_end|>"
            let pieces = try await client.tokenizeWithPieces(text, addSpecial: true)
            #expect(pieces.flatMap(\.bytes) == Array(text.utf8))
            #expect(pieces.map(\.id) == (try await client.tokenize(text, addSpecial: true)))
            #expect(pieces.first == TokenPiece(id: 1, bytes: Array("<|im_start|>".utf8)))
            #expect(pieces.contains { $0.text == nil }, "日 is split inside its UTF-8 bytes, sent as an array of byte values")
            let plain = try await client.tokenizeWithPieces("<|im_start|>", addSpecial: false, parseSpecial: false)
            #expect(plain.count > 1)
            #expect(plain.flatMap(\.bytes) == Array("<|im_start|>".utf8))

            let prompt = "The capital of France is"
            let promptTokens = try await client.tokenize(prompt)
            let candidates = try await client.nextTokenCandidates(promptTokens: promptTokens, count: 5)
            #expect(candidates.count == 5)
            #expect(candidates.first?.piece == " Paris")
            #expect(candidates.allSatisfy { $0.logprob <= 0 })
            #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0.logprob >= $1.logprob })
            #expect(Set(candidates.map(\.id)).count == 5)
            let sampled = try await client.completion(prompt: prompt, maxTokens: 1, nProbs: 5, temperature: 0, seed: 42)
            let reference = try #require(sampled.probabilities.first)
            #expect(candidates.map(\.id) == reference.topLogprobs.map(\.id))
            for (ours, theirs) in zip(candidates, reference.topLogprobs) {
                #expect(abs(ours.logprob - theirs.logprob) < 1e-3)
            }

            let greedy = try await client.completion(prompt: prompt, maxTokens: 24, nProbs: 1, temperature: 0, seed: 42)
            let generated = greedy.probabilities.map(\.id)
            #expect(generated.count == greedy.tokensPredicted)
            #expect(generated.count >= 8)
            for index in generated.indices {
                let ranked = try await client.nextTokenCandidates(promptTokens: promptTokens + generated[..<index], count: 2)
                #expect(ranked.first?.id == generated[index], "greedy token \(index) (\(greedy.probabilities[index].token)) is not first when teacher-forced")
            }
            #expect(try await client.tokenize(prompt + greedy.content) == promptTokens + generated,
                    "this continuation retokenizes to the tokens generated")

            let cjk = try await client.tokenize("日本の首都は東京です。中国的首都是北京。")
            for position in 1..<cjk.count {
                let ranked = try await client.nextTokenCandidates(promptTokens: Array(cjk[..<position]), count: 2)
                #expect(ranked.count == 2, "position \(position), also where the best token is part of a UTF-8 sequence")
            }

            await #expect(throws: ServerError.self) { try await client.nextTokenCandidates(promptTokens: [], count: 2) }
        }
    }
}
