import Foundation
import Testing
@testable import LlamaTools

struct QuantizeFallbackParserTests {
    @Test func readsTheToolsLinesAndSkipsTheRest() {
        // Two lines as build 11434 printed them quantizing SmolLM2-135M (Q4_1) to Q4_K_M, around
        // lines that mention types without being fallbacks; the third is its format string's
        // other form, when even the fallback type does not divide the rows.
        let output = """
        [   3/ 272] blk.0.attn_k.weight                  - [   576,    192,      1,      1], type =   q4_1, converting to q5_0 .. size =     0.07 MiB ->     0.07 MiB
        warning: blk.0.attn_k.weight                  - ncols    576 not divisible by 256 (required for type    q4_K) -> falling back to    q5_0
        warning: blk.10.attn_v.weight                 - ncols    576 not divisible by 256 (required for type    q6_K) -> falling back to    q8_0
        warning: odd.weight                           - ncols     30 not divisible by  32 (required for type    q8_0) (WARNING: must use F16 due to unusual shape) -> falling back to     f16
        llama_model_quantize_impl: WARNING: 180 of 272 tensor(s) required fallback quantization
        """
        #expect(QuantizeFallback.parse(output) == [
            QuantizeFallback(tensor: "blk.0.attn_k.weight", wanted: "q4_K", used: "q5_0", reason: "576 columns not divisible by 256"),
            QuantizeFallback(tensor: "blk.10.attn_v.weight", wanted: "q6_K", used: "q8_0", reason: "576 columns not divisible by 256"),
            QuantizeFallback(tensor: "odd.weight", wanted: "q8_0", used: "f16", reason: "30 columns not divisible by 32"),
        ])
    }
}

@Suite(.enabled(if: RealToolchain.isAvailable)) struct QuantizeFallbackRunTests {
    /// SmolLM2's 576-weight rows do not fit q4_K/q6_K's 256-weight blocks, so llama-quantize
    /// demotes them; what `quantize` returns must be what the written file holds.
    @Test(.timeLimit(.minutes(5)))
    func fallbacksReturnedAreTheFilesTypes() async throws {
        let folder = try makeTemporaryFolder("fallback")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "q4_k_m.gguf")
        let log = folder.appending(path: "quantize.log")
        let fallbacks = try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: RealToolchain.shippedModel,
                                                     type: try QuantType(parsing: "Q4_K_M"), output: output, threads: 2, logFile: log)
        let printed = try String(contentsOf: log, encoding: .utf8)
        let summary = try #require(printed.firstMatch(of: /WARNING: (\d+) of \d+ tensor\(s\) required fallback quantization/))
        #expect(fallbacks.count == Int(summary.1))
        let pairs = Dictionary(grouping: fallbacks) { "\($0.wanted)→\($0.used)" }.mapValues(\.count)
        #expect(pairs == ["q4_K→q5_0": 166, "q6_K→q8_0": 14])
        #expect(Set(fallbacks.map(\.reason)) == ["576 columns not divisible by 256"])

        let info = try GGUFInfo.read(output)
        let types = Dictionary(uniqueKeysWithValues: info.tensors.map { ($0.name, $0.typeName) })
        for fallback in fallbacks { #expect(types[fallback.tensor] == fallback.used, "\(fallback.tensor)") }

        let mix = try #require(TensorTypeMix(info))
        #expect(mix.shares.reduce(0) { $0 + $1.tensors } == info.tensorCount)
        #expect(mix.shares.reduce(0) { $0 + $1.weights } == info.parameterCount)
        #expect(mix.shares.first?.type == "q5_0", "most bytes are in the fallback type, not q4_K")
        #expect(mix.shares.first { $0.type == "q5_0" }?.tensors == info.tensorTypes["q5_0"])
        // Tensor data is everything after the header but the alignment padding between tensors.
        let data = mix.shares.reduce(0) { $0 + $1.bytes }
        let afterHeader = info.fileSizeBytes - info.dataOffset
        #expect(data <= afterHeader && data > afterHeader - 32 * info.tensorCount)
        #expect(abs(mix.fileBitsPerWeight - info.bitsPerWeight) < 1e-9)
        let quantized = try #require(mix.quantizedBitsPerWeight)
        #expect(quantized > 5.5 && quantized < 8.5, "q5_0 (5.5) and q8_0 (8.5) tensors dominate: \(quantized)")
    }
}
