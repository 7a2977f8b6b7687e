import Foundation
import Testing
@testable import LlamaTools

/// Tokenizer identity and compatibility on files written byte by byte.
@Suite final class GGUFCompatibilityTests {
    private let folder: URL

    init() throws {
        folder = try makeTemporaryFolder("gguf-compat")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A one-tensor model with a BPE tokenizer (`merges` given) or a SentencePiece one (nil).
    private func model(architecture: String = "llama", tokenizer: String = "gpt2", pre: String? = "smollm",
                       tokens: [String] = ["<s>", "a", "bc", "abc"], merges: [String]? = ["a bc"],
                       name: String = "Tiny", fileType: UInt32 = 7, chatTemplate: String = "{{ messages }}") throws -> GGUFInfo {
        var builder = GGUFBuilder()
        builder.metadata = [
            ("general.architecture", .string(architecture)), ("general.name", .string(name)),
            ("general.file_type", .uint32(fileType)), ("tokenizer.ggml.model", .string(tokenizer)),
            ("tokenizer.ggml.tokens", .array(tag: 8, tokens.map { .string($0) })),
            ("tokenizer.ggml.scores", .array(tag: 6, tokens.indices.map { .float32(-Float($0)) })),
            ("tokenizer.ggml.token_type", .array(tag: 5, tokens.indices.map { .int32($0 == 0 ? 3 : 1) })),
            ("tokenizer.chat_template", .string(chatTemplate)),
        ]
        if let pre { builder.metadata.append(("tokenizer.ggml.pre", .string(pre))) }
        if let merges { builder.metadata.append(("tokenizer.ggml.merges", .array(tag: 8, merges.map { .string($0) }))) }
        builder.tensors = [.init(name: "output_norm.weight", shape: [64], type: 0, offset: 0)]
        let url = folder.appending(path: "\(UUID().uuidString).gguf")
        try builder.build(dataBytes: 256).write(to: url)
        return try GGUFInfo.read(url)
    }

    /// The documented stream of a string array: per element, an 8-byte little-endian length, then the bytes.
    private func stringStream(_ strings: [String]) -> Data {
        var data = Data()
        for string in strings {
            withUnsafeBytes(of: UInt64(string.utf8.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(Data(string.utf8))
        }
        return data
    }

    @Test func bpeIdentityHashesTokensAndMergesAsDocumented() throws {
        let identity = try #require(try model().tokenizer)
        #expect(identity.model == "gpt2")
        #expect(identity.preTokenizer == "smollm")
        #expect(identity.tokenCount == 4)
        #expect(identity.tokensSHA256 == FileDigest.sha256(of: stringStream(["<s>", "a", "bc", "abc"])))
        #expect(identity.mergesSHA256 == FileDigest.sha256(of: stringStream(["a bc"])))
        // With merges, the scores and types are not part of the identity.
        #expect(identity.scoresSHA256 == nil)
        #expect(identity.tokenTypesSHA256 == nil)
    }

    @Test func lengthPrefixesKeepDifferentSplitsApart() throws {
        let one = try #require(try model(tokens: ["ab", "c"]).tokenizer)
        let other = try #require(try model(tokens: ["a", "bc"]).tokenizer)
        #expect(one.tokensSHA256 != other.tokensSHA256)
    }

    @Test func sentencePieceIdentityHashesScoresAndTypes() throws {
        let identity = try #require(try model(tokenizer: "llama", pre: nil, merges: nil).tokenizer)
        #expect(identity.mergesSHA256 == nil)
        #expect(identity.preTokenizer == nil)
        var scores = Data()
        for index in 0 ..< 4 { withUnsafeBytes(of: (-Float(index)).bitPattern.littleEndian) { scores.append(contentsOf: $0) } }
        #expect(identity.scoresSHA256 == FileDigest.sha256(of: scores))
        var types = Data()
        for index in 0 ..< 4 { withUnsafeBytes(of: Int32(index == 0 ? 3 : 1).littleEndian) { types.append(contentsOf: $0) } }
        #expect(identity.tokenTypesSHA256 == FileDigest.sha256(of: types))
    }

    @Test func noTokenListMeansNoIdentity() throws {
        var builder = GGUFBuilder()
        builder.metadata = [("general.architecture", .string("llama"))]
        builder.tensors = [.init(name: "w", shape: [8], type: 0, offset: 0)]
        let url = folder.appending(path: "bare.gguf")
        try builder.build(dataBytes: 32).write(to: url)
        #expect(try GGUFInfo.read(url).tokenizer == nil)
    }

    @Test func whatQuantsOfOneModelMayChangeIsNotADifference() throws {
        let baseline = try model()
        let quant = try model(name: "Someone's upload", fileType: 15, chatTemplate: "{{ other }}")
        #expect(GGUFCompatibility.differences(baseline: baseline, candidate: quant) == [])
    }

    @Test func architectureDifferenceNamesBothValues() throws {
        let differences = GGUFCompatibility.differences(baseline: try model(), candidate: try model(architecture: "qwen2"))
        #expect(differences == ["architecture differs: \"llama\" in the baseline, \"qwen2\" in the candidate"])
    }

    @Test func vocabularySizeDifferenceIsOneSentenceNotAlsoAHashOne() throws {
        let differences = GGUFCompatibility.differences(baseline: try model(), candidate: try model(tokens: ["<s>", "a", "bc", "abc", "new"]))
        #expect(differences == ["vocabulary size differs: 4 tokens in the baseline, 5 tokens in the candidate"])
    }

    @Test func sameCountDifferentTokensIsATokenizerDifference() throws {
        let baseline = try model()
        let candidate = try model(tokens: ["<s>", "a", "bd", "abc"])
        let differences = GGUFCompatibility.differences(baseline: baseline, candidate: candidate)
        let tokens = try #require(baseline.tokenizer?.tokensSHA256)
        let other = try #require(candidate.tokenizer?.tokensSHA256)
        #expect(differences == ["tokenizer tokens differ: the same 4 tokens in number but not the same strings (tokens hash \(tokens.prefix(12))… in the baseline, \(other.prefix(12))… in the candidate)"])
    }

    @Test func tokenizerModelPreTokenizerAndMergesAreEachNamed() throws {
        let differences = GGUFCompatibility.differences(baseline: try model(),
                                                         candidate: try model(tokenizer: "llama", pre: "llama-bpe", merges: ["ab c"]))
        #expect(differences.count == 3)
        #expect(differences[0] == "tokenizer model (tokenizer.ggml.model) differs: \"gpt2\" in the baseline, \"llama\" in the candidate")
        #expect(differences[1] == "pre-tokenizer (tokenizer.ggml.pre) differs: \"smollm\" in the baseline, \"llama-bpe\" in the candidate")
        #expect(differences[2].hasPrefix("tokenizer merges hash (tokenizer.ggml.merges) differs: "))
    }

    @Test func aCandidateWithoutMergesAgainstABPEBaselineIsNamed() throws {
        let differences = GGUFCompatibility.differences(baseline: try model(), candidate: try model(merges: nil))
        #expect(differences.contains { $0.hasPrefix("tokenizer merges hash (tokenizer.ggml.merges) differs: ") && $0.contains("none in the candidate") })
        #expect(differences.contains { $0.hasPrefix("token scores hash (tokenizer.ggml.scores) differs: none in the baseline") })
    }
}
