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

    @Test(.timeLimit(.minutes(2)))
    func toolKilledBySIGILLIsReportedWithTheCPUAdvice() async throws {
        let folder = try makeTemporaryFolder("sigill-bench")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A link of its own, so that the llama-bench to signal is the one whose command line names it.
        let model = folder.appending(path: "bench-target.gguf")
        try FileManager.default.createSymbolicLink(at: model, withDestinationURL: RealToolchain.shippedModel)
        // kill(2) stands in for an instruction this CPU refuses, which cannot be provoked here.
        async let killed = ProcessFinder.signalFirst(SIGILL) { ProcessFinder.processes(withArgument: model.path) }
        let error = await #expect(throws: BenchError.self) {
            try await Bench.run(toolchain: RealToolchain.toolchain, model: model, promptTokens: 64, generatedTokens: 64, repetitions: 5, threads: 2)
        }
        #expect(try await killed != nil)
        guard case let .toolFailed(termination, name, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(termination == .signaled(ProcessSignal(SIGILL)))
        #expect(name == "bench-target.gguf")
        #expect(error?.description.hasPrefix("llama-bench was killed by SIGILL (illegal instruction) while benchmarking bench-target.gguf: this llama.cpp build uses CPU instructions this machine cannot run; run `quantorch doctor`") == true)
    }
}
