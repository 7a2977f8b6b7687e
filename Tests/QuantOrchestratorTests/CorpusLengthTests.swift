import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// The corpus is measured with the real llama-tokenize before any quantization.
@Suite(.enabled(if: RealToolchainFixture.manifest != nil, "needs the bootstrap's llama.cpp and SmolLM2"))
struct CorpusLengthTests {
    func check(corpusBytes: Int, ctx: Int, chunks: Int, folder: URL) async throws {
        let manifest = try RealToolchainFixture.unwrap(RealToolchainFixture.manifest)
        let corpus = try RealToolchainFixture.corpusPrefix(bytes: corpusBytes, in: folder)
        let work = WorkFolder(root: folder.appending(path: "work"), modelSlug: "m", revision: "r")
        let master = try ArtifactRecord.of(URL(fileURLWithPath: manifest.smollm2Gguf), toolSeconds: 0)
        let stage = try CorpusLengthStage(settings: Recipe.Perplexity(corpus: corpus, ctx: ctx, chunks: chunks), model: master,
                                          recipeFile: folder.appending(path: "r.yaml"))
        _ = try await RunContext(toolchain: RealToolchainFixture.toolchain, executor: LocalExecutor(), folder: work, ledger: ToolLedger(),
                                 progress: ProgressLines().reporter, threads: 2).cached(stage)
    }

    @Test(.timeLimit(.minutes(2)))
    func aShortCorpusIsRefusedWithTheCountLlamaPerplexitySees() async throws {
        let folder = try RealToolchainFixture.folder("corpus-short")
        defer { try? FileManager.default.removeItem(at: folder) }
        var message = ""
        do { try await check(corpusBytes: 2000, ctx: 512, chunks: 16, folder: folder) } catch let error as PipelineError {
            #expect(error.isBadInput)
            message = error.description
        }
        let counted = try #require(message.firstMatch(of: /tokenizes to (\d+) tokens/).flatMap { Int($0.1) }, "\(message)")
        #expect(message.contains("field 'perplexity.corpus': \(folder.appending(path: "corpus.txt").path)"), "\(message)")
        #expect(message.contains("ctx 512 × 16 chunks needs 8192"), "\(message)")

        // llama-perplexity itself prints the count it refuses: the two must agree.
        let manifest = try RealToolchainFixture.unwrap(RealToolchainFixture.manifest)
        do {
            _ = try await Perplexity.measure(toolchain: RealToolchainFixture.toolchain, model: URL(fileURLWithPath: manifest.smollm2Gguf),
                                             corpus: folder.appending(path: "corpus.txt"), contextSize: 512, chunks: 16, threads: 2,
                                             logFile: folder.appending(path: "ppl.log"))
            Issue.record("llama-perplexity accepted the short corpus")
        } catch let PerplexityError.corpusTooShort(shortfall) {
            #expect(shortfall.neededTokens == 1024)
            #expect(shortfall.corpusTokens == counted)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aLongEnoughCorpusPassesAndIsNotTokenizedTwice() async throws {
        let folder = try RealToolchainFixture.folder("corpus-long")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await check(corpusBytes: 256 * 1024, ctx: 128, chunks: 4, folder: folder)
        let records = try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "work/m/r/records").path)
        #expect(records.count == 1 && records[0].hasPrefix("corpus-tokens-"))
        let log = folder.appending(path: "work/m/r/logs/tokenize-corpus.log")
        let before = try RealToolchainFixture.size(log)
        try await check(corpusBytes: 256 * 1024, ctx: 128, chunks: 4, folder: folder)
        #expect(try RealToolchainFixture.size(log) == before, "a re-run launched llama-tokenize again")
    }
}
