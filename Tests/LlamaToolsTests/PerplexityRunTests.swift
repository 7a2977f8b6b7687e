import Foundation
import Testing
@testable import LlamaTools

@Suite(.enabled(if: RealToolchain.isAvailable)) struct PerplexityRunTests {
    private func kld(_ model: URL, _ log: String) async throws -> KLDResult {
        try await Perplexity.klDivergence(toolchain: RealToolchain.toolchain, model: model, baseFile: try await SharedModels.shared.kldBase(),
                                          contextSize: SharedModels.contextSize, chunks: SharedModels.chunks,
                                          threads: SharedModels.threads, logFile: try await SharedModels.shared.log(log))
    }

    @Test(.timeLimit(.minutes(10)))
    func baselineAgainstItselfIsZero() async throws {
        let result = try await kld(try await SharedModels.shared.f16(), "kld-F16")
        #expect(abs(result.kldMean) < 1e-3)
        #expect(result.sameTopPPercent > 99)
        #expect(result.scoredTokens == 126)
    }

    @Test(.timeLimit(.minutes(10)))
    func q2KDivergesMoreThanQ8_0() async throws {
        let q8 = try await kld(try await SharedModels.shared.quantized("Q8_0"), "kld-Q8_0")
        let q2 = try await kld(try await SharedModels.shared.quantized("Q2_K"), "kld-Q2_K")
        #expect(q2.kldMean > q8.kldMean)
        #expect(q2.kldMean > 1e-3)
        #expect(q2.pplRatio > q8.pplRatio)
        #expect(q2.sameTopPPercent < q8.sameTopPPercent)
    }

    @Test(.timeLimit(.minutes(10)))
    func perplexityOfAVariant() async throws {
        let shared = SharedModels.shared
        let result = try await Perplexity.measure(toolchain: RealToolchain.toolchain, model: try await shared.quantized("Q8_0"),
                                                  corpus: try await shared.corpusSlice(), contextSize: SharedModels.contextSize,
                                                  chunks: SharedModels.chunks, threads: SharedModels.threads,
                                                  logFile: try await shared.log("ppl-Q8_0"))
        #expect(result.ppl > 1 && result.ppl < 1000)
        #expect(result.chunks == 2)
        #expect(result.scoredTokens == 126)
    }

    @Test(.timeLimit(.minutes(3)))
    func tooFewTokensForStatistics() async throws {
        let shared = SharedModels.shared
        let base = try await shared.folder().appending(path: "one-chunk.kld")
        _ = try await Perplexity.writeKLDBase(toolchain: RealToolchain.toolchain, baseline: RealToolchain.shippedModel,
                                              corpus: try await shared.corpusSlice(), baseFile: base, contextSize: 128, chunks: 1,
                                              threads: 2, logFile: try await shared.log("kld-base-one-chunk"))
        await #expect(throws: PerplexityError.tooFewScoredTokens(scored: 63, chunks: 1, contextSize: 128)) {
            try await Perplexity.klDivergence(toolchain: RealToolchain.toolchain, model: RealToolchain.shippedModel, baseFile: base,
                                              contextSize: 128, chunks: 1, threads: 2, logFile: try await shared.log("kld-one-chunk"))
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func badModelsAreClearErrors() async throws {
        let folder = try makeTemporaryFolder("badppl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try await SharedModels.shared.corpusSlice()
        let log = folder.appending(path: "ppl.log")
        let missing = folder.appending(path: "absent.gguf")
        await #expect(throws: PerplexityError.missingInput(what: "model", path: missing.path)) {
            try await Perplexity.measure(toolchain: RealToolchain.toolchain, model: missing, corpus: corpus,
                                         contextSize: 128, chunks: 2, threads: 2, logFile: log)
        }
        let text = folder.appending(path: "text.gguf")
        try Data("not a model at all".utf8).write(to: text)
        let error = await #expect(throws: PerplexityError.self) {
            try await Perplexity.measure(toolchain: RealToolchain.toolchain, model: text, corpus: corpus,
                                         contextSize: 128, chunks: 2, threads: 2, logFile: log)
        }
        guard case let .toolFailed(termination, activity, logFile, lastLines) = error else { Issue.record("got \(String(describing: error))"); return }
        guard case let .exited(code) = termination else { Issue.record("a refused model is an exit, not \(termination)"); return }
        #expect(code != 0)
        #expect(activity == "measuring the perplexity of text.gguf")
        #expect(logFile == log.path)
        #expect(!lastLines.isEmpty)
    }

    @Test(.timeLimit(.minutes(2)))
    func toolKilledBySIGILLIsReportedWithTheCPUAdvice() async throws {
        let folder = try makeTemporaryFolder("sigill-ppl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "ppl.log")
        // kill(2) stands in for an instruction this CPU refuses, which cannot be provoked here.
        async let killed = ProcessFinder.signalFirst(SIGILL) { ServerTestSupport.runningProcesses(writingTo: log) }
        let error = await #expect(throws: PerplexityError.self) {
            try await Perplexity.measure(toolchain: RealToolchain.toolchain, model: RealToolchain.shippedModel, corpus: RealToolchain.corpus,
                                         contextSize: 128, chunks: 2, threads: 2, logFile: log)
        }
        #expect(try await killed != nil)
        guard case let .toolFailed(termination, activity, logFile, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(termination == .signaled(ProcessSignal(SIGILL)))
        #expect(logFile == log.path)
        #expect(error?.description.hasPrefix("llama-perplexity was killed by SIGILL (illegal instruction) while \(activity): this llama.cpp build uses CPU instructions this machine cannot run; run `quantorch doctor`") == true)
    }
}
