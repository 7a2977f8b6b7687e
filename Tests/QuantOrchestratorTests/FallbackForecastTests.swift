import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// The plan's forecast of fallbacks against what llama-quantize does on the same file:
/// SmolLM2-135M's 576-weight rows fit no 256-weight block.
@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs the bootstrap's llama.cpp and SmolLM2 Q4_1 GGUF"))
struct FallbackForecastTests {
    @Test(.timeLimit(.minutes(5)), arguments: ["Q4_K_M", "Q2_K", "Q6_K", "Q4_0"])
    func theForecastNamesTheTensorsLlamaQuantizeDemotes(_ typeName: String) async throws {
        let manifest = try #require(QuantorchHome().manifest())
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let layout = try sandbox.plan(try sandbox.load(try sandbox.recipe(ladder: "[Q4_1, Q4_K_M]", source: manifest.smollm2Gguf)), kind: .gguf).layout
        let type = try QuantType(parsing: typeName)
        let forecast = TensorTypeChoice(layout: layout, quant: type, hasImportanceMatrix: false).fallbacks()

        let output = sandbox.root.appending(path: "\(typeName).gguf")
        let actual = try await Quantizer.quantize(toolchain: RealToolchainFixture.toolchain, input: URL(fileURLWithPath: manifest.smollm2Gguf),
                                                  type: type, output: output, threads: 2, logFile: sandbox.root.appending(path: "q.log"))
        #expect(!actual.isEmpty)
        // llama-quantize walks the tensors in its own order, not the table's.
        #expect(Set(forecast.map { [$0.tensor.name, $0.wanted, $0.used] }) == Set(actual.map { [$0.tensor, $0.wanted, $0.used] }))
        #expect(forecast.count == actual.count)
    }

    @Test func thePlanWarnsPerAffectedTypeWithTheShareOfWeights() throws {
        let manifest = try #require(QuantorchHome().manifest())
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let plan = try sandbox.plan(try sandbox.load(try sandbox.recipe(ladder: "[Q4_1, Q4_0, Q4_K_M]", source: manifest.smollm2Gguf)), kind: .gguf)
        let warnings = plan.warnings.filter { $0.contains("back to another type") }
        #expect(warnings.count == 2, "Q4_1 is not quantized again: \(plan.warnings)")
        // Q4_0's own blocks fit, but the tied embeddings go to q6_K, whose blocks do not.
        #expect(warnings.first?.hasPrefix("ladder[1] Q4_0: 1 tensor (21 % of the weights llama-quantize quantizes) falls back") == true, "\(warnings)")
        #expect(warnings.first?.contains("(1 × q6_K → q8_0)") == true)
        let warning = try #require(warnings.last)
        #expect(warning.hasPrefix("ladder[2] Q4_K_M: 180 tensors ("), "\(warning)")
        #expect(warning.contains("rows of 576 weights") && warning.contains("(166 × q4_K → q5_0, 14 × q6_K → q8_0)"), "\(warning)")

        let tensors = plan.layout.tensors
        let quantized = tensors.filter(TensorTypeChoice.allowsQuantization).reduce(0) { $0 + $1.elementCount }
        // Everything quantized but ffn_down (1536 columns) and the token embeddings (q8_0 fits) falls back.
        let fitting = tensors.filter { TensorTypeChoice.allowsQuantization($0) && ($0.name.contains("ffn_down") || $0.name == "token_embd.weight") }
        let percent = Int((Double(quantized - fitting.reduce(0) { $0 + $1.elementCount }) / Double(quantized) * 100).rounded())
        #expect(warning.contains("(\(percent) % of the weights llama-quantize quantizes) fall back"), "\(percent): \(warning)")
    }
}
