import Foundation
import Testing
@testable import LlamaTools

/// Recipe mistakes the real tools refuse, and the chunk counts they actually use, against the
/// shipped SmolLM2 (each run takes seconds: ctx 128, a few chunks).
@Suite(.enabled(if: RealToolchain.isAvailable)) final class InputErrorRunTests {
    private let folder: URL

    init() throws {
        folder = try makeTemporaryFolder("input-errors")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A 20-word corpus: far below the 256 tokens one chunk of 128 needs. Without a final newline,
    /// which llama-perplexity's `-f` drops and llama-tokenize counts, so that both count alike.
    private func twentyWords() throws -> URL {
        let url = folder.appending(path: "twenty-words.txt")
        try Data("The quick brown fox jumps over the lazy dog while seven small birds sing loudly in the old green tree.".utf8).write(to: url)
        return url
    }

    private func tokens(of text: URL) async throws -> Int {
        try await Tokenizer.countTokens(toolchain: RealToolchain.toolchain, model: RealToolchain.shippedModel, text: text,
                                        logFile: folder.appending(path: "tokenize.log"))
    }

    @Test(.timeLimit(.minutes(2)))
    func aTwentyWordCorpusIsAnInputErrorNamingTheFileAndTheFix() async throws {
        let corpus = try twentyWords()
        let counted = try await tokens(of: corpus)
        let expected = CorpusShortfall(corpus: corpus.path, contextSize: 128, neededTokens: 256, corpusTokens: counted)
        let error = await #expect(throws: PerplexityError.corpusTooShort(expected)) {
            try await Perplexity.measure(toolchain: RealToolchain.toolchain, model: RealToolchain.shippedModel, corpus: corpus,
                                         contextSize: 128, chunks: 4, threads: 2, logFile: self.folder.appending(path: "ppl.log"))
        }
        #expect(error?.isInputError == true)
        let message = try #require(error?.description)
        #expect(message.contains(corpus.path))
        #expect(message.contains("only \(counted) tokens"))
        #expect(message.contains("ctx 128"))
        #expect(message.contains("a ctx of at most \(counted / 2)"))
    }

    @Test(.timeLimit(.minutes(2)))
    func aKLDBaseFromATooShortCorpusIsRefusedAndLeavesNoFile() async throws {
        let corpus = try twentyWords()
        let base = folder.appending(path: "base.kld")
        let shortfall = CorpusShortfall(corpus: corpus.path, contextSize: 128, neededTokens: 256, corpusTokens: try await tokens(of: corpus))
        await #expect(throws: PerplexityError.corpusTooShort(shortfall)) {
            try await Perplexity.writeKLDBase(toolchain: RealToolchain.toolchain, baseline: RealToolchain.shippedModel, corpus: corpus,
                                              baseFile: base, contextSize: 128, chunks: 4, threads: 2,
                                              logFile: self.folder.appending(path: "kld-base.log"))
        }
        #expect(!FileManager.default.fileExists(atPath: base.path))
    }

    @Test(.timeLimit(.minutes(2)))
    func imatrixOnATooShortCorpusIsAnInputError() async throws {
        let corpus = try twentyWords()
        let counted = try await tokens(of: corpus)
        let error = await #expect(throws: QuantizeError.corpusTooShort(CorpusShortfall(corpus: corpus.path, contextSize: 128,
                                                                                       neededTokens: 256, corpusTokens: counted))) {
            try await Quantizer.computeImportanceMatrix(toolchain: RealToolchain.toolchain, model: RealToolchain.shippedModel,
                                                        corpus: corpus, output: self.folder.appending(path: "imatrix.gguf"),
                                                        contextSize: 128, chunks: 2, threads: 2, logFile: self.folder.appending(path: "imatrix.log"))
        }
        #expect(error?.isInputError == true)
    }

    @Test(.timeLimit(.minutes(3)))
    func aTypeThatNeedsAnImportanceMatrixIsAnInputError() async throws {
        let output = folder.appending(path: "iq2.gguf")
        let error = await #expect(throws: QuantizeError.self) {
            try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: RealToolchain.shippedModel, type: try QuantType(parsing: "IQ2_XXS"),
                                         output: output, threads: 2, logFile: self.folder.appending(path: "quantize.log"))
        }
        guard case let .requiresImportanceMatrix(type, tensor, tensorType) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(type == "IQ2_XXS")
        #expect(tensor?.hasPrefix("blk.") == true)
        #expect(tensorType == "iq2_xxs")
        #expect(error?.isInputError == true)
        #expect(error?.description.contains("give this quant an imatrix") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test(.timeLimit(.minutes(3)))
    func aShortCorpusGivesFewerChunksThanAskedAndTheScoredTokensFollow() async throws {
        let corpus = folder.appending(path: "corpus-3k.txt")
        try writePrefix(of: RealToolchain.corpus, bytes: 3000, to: corpus)
        let available = try await tokens(of: corpus) / 128
        #expect(available >= 2 && available < 50)
        let result = try await Perplexity.measure(toolchain: RealToolchain.toolchain, model: RealToolchain.shippedModel, corpus: corpus,
                                                  contextSize: 128, chunks: 50, threads: 2, logFile: folder.appending(path: "ppl.log"))
        #expect(result.chunks == available)
        #expect(result.scoredTokens == available * (128 - 1 - 64))
    }

    @Test(.timeLimit(.minutes(3)))
    func kldEvaluatesTheBaseFilesChunksWhateverChunksSays() async throws {
        let corpus = folder.appending(path: "corpus-32k.txt")
        try writePrefix(of: RealToolchain.corpus, bytes: 32 * 1024, to: corpus)
        let base = folder.appending(path: "two-chunks.kld")
        let written = try await Perplexity.writeKLDBase(toolchain: RealToolchain.toolchain, baseline: RealToolchain.shippedModel, corpus: corpus,
                                                        baseFile: base, contextSize: 128, chunks: 2, threads: 2,
                                                        logFile: folder.appending(path: "kld-base.log"))
        #expect(written.chunks == 2)
        #expect(written.scoredTokens == 126)
        let result = try await Perplexity.klDivergence(toolchain: RealToolchain.toolchain, model: RealToolchain.shippedModel, baseFile: base,
                                                       contextSize: 128, chunks: 8, threads: 2, logFile: folder.appending(path: "kld.log"))
        #expect(result.chunks == 2)
        #expect(result.scoredTokens == 126)
    }
}
