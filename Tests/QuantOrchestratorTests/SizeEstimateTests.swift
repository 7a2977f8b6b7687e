import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// The plan's estimates against the files llama.cpp really writes for SmolLM2-135M.
@Suite(.serialized, .enabled(if: RealToolchainFixture.manifest != nil, "needs the bootstrap's llama.cpp and SmolLM2"))
struct SizeEstimateTests {
    func recipe(_ folder: URL, source: String, ladder: String) throws -> Recipe {
        try Data("name: s\nquestions: []\n".utf8).write(to: folder.appending(path: "suite.yaml"))
        let text = "model: {name: m, source: \"\(source)\"}\nladder: \(ladder)\nevaluation: {suite: suite.yaml}\nperplexity: {corpus: corpus.txt, ctx: 128, chunks: 4}\n"
        try Data(text.utf8).write(to: folder.appending(path: "r.yaml"))
        return try RecipeLoader.load(folder.appending(path: "r.yaml"))
    }

    func expectClose(_ estimate: Int, _ real: Int, _ what: String) {
        let ratio = Double(estimate) / Double(real)
        #expect(abs(ratio - 1) <= 0.25, "\(what): estimated \(estimate) bytes, real \(real) (\(String(format: "%.3f", ratio))×)")
    }

    @Test(.timeLimit(.minutes(10)))
    func estimatesFromTheCheckpointAreWithinAQuarterOfTheRealFiles() async throws {
        let manifest = try RealToolchainFixture.unwrap(RealToolchainFixture.manifest)
        let folder = try RealToolchainFixture.folder("sizes-hf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try RealToolchainFixture.corpusPrefix(bytes: 64 * 1024, in: folder)
        let recipe = try recipe(folder, source: manifest.smollm2Hf, ladder: "[F16, Q8_0, Q4_K_M, Q2_K]")
        let source = ResolvedSource(checkpoint: URL(fileURLWithPath: manifest.smollm2Hf), revision: "r", revisionKind: .label, kind: .hfFolder)
        let layout = try ModelLayout.of(source, gguf: nil, masterType: .f16)
        let plan = RunPlan(layout: layout, masterTypeName: "F16", baselineNote: nil, warnings: [], sourceBytes: nil, imatrix: false,
                           perplexity: recipe.perplexity)
        let toolchain = RealToolchainFixture.toolchain

        let f16 = folder.appending(path: "F16.gguf")
        try await Converter.convert(toolchain: toolchain, checkpoint: source.checkpoint, outType: .f16, output: f16,
                                    logFile: folder.appending(path: "convert.log"))
        expectClose(plan.masterBytes, try RealToolchainFixture.size(f16), "F16")
        for name in ["Q8_0", "Q4_K_M", "Q2_K"] {
            let output = folder.appending(path: "\(name).gguf")
            try await Quantizer.quantize(toolchain: toolchain, input: f16, type: try QuantType(parsing: name), output: output,
                                         threads: 2, logFile: folder.appending(path: "quantize.log"))
            expectClose(plan.estimatedBytes(LadderEntry(stock: try QuantType(parsing: name))), try RealToolchainFixture.size(output), name)
        }

        let base = folder.appending(path: "base.kld")
        _ = try await Perplexity.writeKLDBase(toolchain: toolchain, baseline: f16, corpus: corpus, baseFile: base, contextSize: 128,
                                              chunks: 4, threads: 2, logFile: folder.appending(path: "kld.log"))
        #expect(plan.kldBaseBytes == (try RealToolchainFixture.size(base)), "perplexity.cpp's layout is exact")
        #expect(KLDBaseSize.expectedBytes(ofFileAt: base) == (try RealToolchainFixture.size(base)), "the file's own header gives its size")
        // What a full disk leaves: llama-perplexity exits 0 with the file cut short.
        let cut = folder.appending(path: "cut.kld")
        try Data(contentsOf: base).prefix(1_000_000).write(to: cut)
        #expect(KLDBaseSize.expectedBytes(ofFileAt: cut) == (try RealToolchainFixture.size(base)))
    }

    @Test(.timeLimit(.minutes(10)))
    func estimatesFromAQuantizedGGUFAreWithinAQuarterOfTheRealRequantizations() async throws {
        let manifest = try RealToolchainFixture.unwrap(RealToolchainFixture.manifest)
        let folder = try RealToolchainFixture.folder("sizes-gguf")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try RealToolchainFixture.corpusPrefix(bytes: 1024, in: folder)
        let gguf = URL(fileURLWithPath: manifest.smollm2Gguf)
        let recipe = try recipe(folder, source: gguf.path, ladder: "[Q4_1, Q4_K_M, Q2_K]")
        let info = try GGUFInfo.read(gguf)
        let source = ResolvedSource(checkpoint: gguf, revision: "r", revisionKind: .label, kind: .gguf)
        let layout = try ModelLayout.of(source, gguf: info, masterType: .f16)
        #expect(layout.vocabulary == 49_152, "the vocabulary comes from tokenizer.ggml.tokens, not a fallback")
        let plan = RunPlan(layout: layout, masterTypeName: "Q4_1", baselineNote: nil, warnings: [], sourceBytes: info.fileSizeBytes,
                           imatrix: false, perplexity: recipe.perplexity)
        for name in ["Q4_K_M", "Q2_K"] {
            let output = folder.appending(path: "\(name).gguf")
            try await Quantizer.quantize(toolchain: RealToolchainFixture.toolchain, input: gguf, type: try QuantType(parsing: name), output: output,
                                         threads: 2, logFile: folder.appending(path: "quantize.log"))
            expectClose(plan.estimatedBytes(LadderEntry(stock: try QuantType(parsing: name))), try RealToolchainFixture.size(output), "\(name) from Q4_1")
        }
        #expect(plan.kldBaseBytes == KLDBaseSize.bytes(contextSize: 128, chunks: 4, vocabulary: 49_152))
    }
}
