import Foundation
import Testing
@testable import LlamaTools

@Suite(.enabled(if: RealToolchain.isAvailable)) struct BenchRunTests {
    @Test(.timeLimit(.minutes(10)))
    func promptAndGenerationThroughput() async throws {
        let model = try await SharedModels.shared.quantized("Q4_K_M")
        let results = try await Bench.run(toolchain: RealToolchain.toolchain, model: model, promptTokens: 16,
                                          generatedTokens: 8, repetitions: 2, threads: 2)
        #expect(results.map(\.testName) == ["pp16", "tg8"])
        for result in results {
            #expect(result.avgTs > 0)
            #expect(result.stddevTs >= 0)
            #expect(result.samplesTs.count == 2)
            #expect(result.modelNParams == 134_515_008)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func missingAndBrokenModels() async throws {
        let folder = try makeTemporaryFolder("badbench")
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appending(path: "absent.gguf")
        await #expect(throws: BenchError.missingModel(path: missing.path)) {
            try await Bench.run(toolchain: RealToolchain.toolchain, model: missing, promptTokens: 8, generatedTokens: 8, repetitions: 1, threads: 2)
        }
        let text = folder.appending(path: "text.gguf")
        try Data("not a model at all".utf8).write(to: text)
        await #expect(throws: BenchError.self) {
            try await Bench.run(toolchain: RealToolchain.toolchain, model: text, promptTokens: 8, generatedTokens: 8, repetitions: 1, threads: 2)
        }
    }
}
