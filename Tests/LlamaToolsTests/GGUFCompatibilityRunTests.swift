import Foundation
import Testing
@testable import LlamaTools

/// Tokenizer identity and compatibility on the real SmolLM2 GGUF and files llama.cpp made from it.
@Suite(.enabled(if: RealToolchain.isAvailable)) final class GGUFCompatibilityRunTests {
    private let folder: URL

    init() throws {
        folder = try makeTemporaryFolder("gguf-compat-run")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func shippedModelHasABPEIdentityAndIsCompatibleWithItself() throws {
        let info = try GGUFInfo.read(RealToolchain.shippedModel)
        let identity = try #require(info.tokenizer)
        #expect(identity.model == "gpt2")
        #expect(identity.preTokenizer == "smollm")
        #expect(identity.tokenCount == 49152)
        #expect(identity.tokenCount == info.vocabularySize)
        // Computed independently with gguf-py's GGUFReader over the documented byte stream.
        #expect(identity.tokensSHA256 == "e3f79317b457a91937391f6e0ee99d97ba2a3adae02bc26db8f59710ddb27ffe")
        #expect(identity.mergesSHA256 == "f21dff0382d448ea564fe1869e6158795a0db82c4b0771f6fb3d5db9818f0166")
        #expect(identity.scoresSHA256 == nil)
        #expect(GGUFCompatibility.differences(baseline: info, candidate: try GGUFInfo.read(RealToolchain.shippedModel)) == [])
    }

    @Test(.timeLimit(.minutes(5)))
    func aQ8_0QuantOfItIsCompatible() async throws {
        let q8 = folder.appending(path: "smollm2.Q8_0.gguf")
        try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: RealToolchain.shippedModel, type: try QuantType(parsing: "Q8_0"),
                                     output: q8, threads: 2, logFile: folder.appending(path: "quantize.log"))
        let baseline = try GGUFInfo.read(RealToolchain.shippedModel)
        let quant = try GGUFInfo.read(q8)
        #expect(quant.fileType != baseline.fileType)
        #expect(quant.tokenizer == baseline.tokenizer)
        #expect(GGUFCompatibility.differences(baseline: baseline, candidate: quant) == [])
    }

    @Test func oneChangedTokenStringIsATokenizerDifference() throws {
        let copy = folder.appending(path: "patched.gguf")
        try FileManager.default.copyItem(at: RealToolchain.shippedModel, to: copy)
        // Token 3 of SmolLM2's vocabulary, stored as its 8-byte length and its bytes; one letter
        // changed in place keeps every offset of the file as it was.
        var needle = Data()
        withUnsafeBytes(of: UInt64(11).littleEndian) { needle.append(contentsOf: $0) }
        needle.append(Data("<repo_name>".utf8))
        let handle = try FileHandle(forUpdating: copy)
        defer { try? handle.close() }
        let header = try #require(try handle.read(upToCount: 4 << 20))
        let tokensKey = try #require(header.range(of: Data("tokenizer.ggml.tokens".utf8)))
        let token = try #require(header.range(of: needle, in: tokensKey.upperBound ..< header.endIndex))
        try handle.seek(toOffset: UInt64(token.upperBound - 2))
        try handle.write(contentsOf: Data("f".utf8))
        try handle.synchronize()

        let baseline = try GGUFInfo.read(RealToolchain.shippedModel)
        let patched = try GGUFInfo.read(copy)
        #expect(patched.vocabularySize == baseline.vocabularySize)
        let differences = GGUFCompatibility.differences(baseline: baseline, candidate: patched)
        #expect(differences.count == 1)
        #expect(differences.first?.hasPrefix("tokenizer tokens differ: the same 49152 tokens in number but not the same strings") == true)
    }
}
