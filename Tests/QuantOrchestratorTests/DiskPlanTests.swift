import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

@Suite struct DiskPlanTests {
    func recipe(ladder: String = "[F16, Q8_0, Q4_K_M]") throws -> Recipe {
        let root = FileManager.default.temporaryDirectory.appending(path: "qo-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appending(path: "model"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: root.appending(path: "model/config.json"))
        try Data("name: s\n".utf8).write(to: root.appending(path: "suite.yaml"))
        try Data("text".utf8).write(to: root.appending(path: "corpus.txt"))
        let text = "model: {name: m, source: model}\nladder: \(ladder)\nevaluation: {suite: suite.yaml}\nperplexity: {corpus: corpus.txt, ctx: 128, chunks: 4}\n"
        try Data(text.utf8).write(to: root.appending(path: "r.yaml"))
        return try RecipeLoader.load(root.appending(path: "r.yaml"), environment: ["HOME": "/root"])
    }

    /// A two-layer llama-shaped model: 512 columns everywhere, tied embeddings, f32 norms.
    static let layout: ModelLayout = {
        var tensors = [GGUFTensor(name: "token_embd.weight", shape: [512, 1000], typeName: "f16"),
                       GGUFTensor(name: "output_norm.weight", shape: [512], typeName: "f32")]
        for layer in 0..<2 {
            for role in ["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"] {
                tensors.append(GGUFTensor(name: "blk.\(layer).\(role).weight", shape: [512, 512], typeName: "f16"))
            }
            tensors.append(GGUFTensor(name: "blk.\(layer).attn_norm.weight", shape: [512], typeName: "f32"))
        }
        return ModelLayout(tensors: tensors, vocabulary: 1000, blockCount: 2, headsPerKVHead: 3, architecture: "llama", headerBytes: 4096)
    }()

    @Test func theEstimatesAreTheTensorsAtTheirChosenTypes() throws {
        let master = TensorTypeChoice(layout: Self.layout, quant: try QuantType(parsing: "F16"), hasImportanceMatrix: false).fileBytes
        let q8 = TensorTypeChoice(layout: Self.layout, quant: try QuantType(parsing: "Q8_0"), hasImportanceMatrix: false).fileBytes
        // 14 matrices of 512×512 and the 512×1000 embeddings at 2 bytes, three 512-vectors at 4 bytes.
        #expect(master == 4096 + (14 * 512 * 512 + 512 * 1000) * 2 + 3 * 512 * 4)
        // Q8_0: 34 bytes per 32 weights everywhere (the tied embeddings stay Q8_0 for a Q8_0 file).
        #expect(q8 == 4096 + (14 * 512 * 512 + 512 * 1000) / 32 * 34 + 3 * 512 * 4)
        // perplexity.cpp: 20 header bytes, 4 × 128 int32 tokens, 4 × 63 scored tokens × (1000 + 4) uint16.
        #expect(KLDBaseSize.bytes(contextSize: 128, chunks: 4, vocabulary: 1000) == 20 + 4 * 128 * 4 + 4 * 63 * 1004 * 2)
    }

    @Test func aTensorTypeMixCountsItsOverridesAtTheirTypes() throws {
        let q4 = try QuantType(parsing: "Q4_K_M")
        let plain = TensorTypeChoice(layout: Self.layout, quant: q4, hasImportanceMatrix: false)
        let mix = TensorTypeChoice(layout: Self.layout, quant: q4, hasImportanceMatrix: false,
                                   overrides: [TensorTypeOverride(pattern: "attn_q", type: try #require(GGMLType.named(ignoringCase: "Q8_0")))])
        let query = try #require(Self.layout.tensors.first { $0.name == "blk.0.attn_q.weight" })
        #expect(plain.type(of: query) == "q4_K" && mix.type(of: query) == "q8_0")
        // Two 512×512 attn_q tensors go from 144 to 272 bytes per 256 weights.
        #expect(mix.fileBytes - plain.fileBytes == 2 * 512 * 512 / 256 * (272 - 144))
    }

    @Test func q2KKeepsTheEmbeddingsAtQ6KAndUpgradesValueDownAndOutput() {
        let choice = TensorTypeChoice(layout: Self.layout, quant: try! QuantType(parsing: "Q2_K"), hasImportanceMatrix: false)
        let types = Dictionary(uniqueKeysWithValues: Self.layout.tensors.map { ($0.name, choice.type(of: $0)) })
        #expect(types["token_embd.weight"] == "q6_K")
        #expect(types["blk.0.attn_q.weight"] == "q2_K")
        #expect(types["blk.0.attn_v.weight"] == "q3_K")
        #expect(types["blk.0.ffn_down.weight"] == "q3_K")
        #expect(types["blk.0.attn_output.weight"] == "q3_K")
        #expect(types["blk.0.attn_norm.weight"] == "f32")
    }

    @Test func rowsThatDoNotFitKQuantBlocksFallBackToLegacyTypes() {
        let odd = ModelLayout(tensors: [GGUFTensor(name: "blk.0.ffn_up.weight", shape: [576, 1536], typeName: "f16"),
                                        GGUFTensor(name: "blk.0.ffn_down.weight", shape: [1536, 576], typeName: "f16"),
                                        GGUFTensor(name: "output.weight", shape: [576, 100], typeName: "f16")],
                              vocabulary: 100, blockCount: 1, headsPerKVHead: 1, architecture: nil, headerBytes: 0)
        let choice = TensorTypeChoice(layout: odd, quant: try! QuantType(parsing: "Q4_K_M"), hasImportanceMatrix: false)
        #expect(choice.type(of: odd.tensors[0]) == "q5_0", "576 columns are not a multiple of 256: q4_K falls back to q5_0")
        #expect(choice.type(of: odd.tensors[1]) == "q6_K", "1536 columns fit; ffn_down of layer 0 of 1 gets q6_K")
        #expect(choice.type(of: odd.tensors[2]) == "q8_0", "an output whose rows do not fit 256-blocks stays q8_0")
    }

    @Test func tooLittleSpaceIsRefusedWithTheFigures() throws {
        let plan = DiskPlan(items: [.init(label: "Q8_0", bytes: Int.max / 4)])
        #expect {
            try plan.check(folder: FileManager.default.temporaryDirectory)
        } throws: { error in
            "\(error)".contains("not enough disk") && "\(error)".contains("Q8_0")
        }
    }

    @Test func anArtifactLargerThanTheFreeSpaceIsRefusedAsENOSPCBeforeTheToolRuns() async throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "qo-disk-\(UUID().uuidString)/Q2_K.gguf")
        var ran = false
        await #expect {
            try await DiskSpace.writing(path, estimate: Int.max / 4) { ran = true }
        } throws: { error in
            "\(error)".hasPrefix("no space left on device at \(path.path): needed about ") && "\(error)".contains("iB free")
        }
        #expect(!ran)
    }

    @Test func aToolThatFailsOnAFullDiskIsReportedAsENOSPC() async throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "Q2_K.gguf")
        // What llama-quantize prints when its output stream fails to write.
        let failure = QuantizeError.toolFailed(tool: "llama-quantize", termination: .exited(1), activity: "quantizing to Q2_K", logFile: "q.log",
                                               lastLines: "llama_model_quantize: failed to quantize: basic_ios::clear: iostream error")
        await #expect {
            try await DiskSpace.writing(path, estimate: 88_000_000) { throw failure }
        } throws: { error in
            "\(error)".contains("no space left on device at \(path.path): needed about 83.9 MiB")
        }
        let other = QuantizeError.toolFailed(tool: "llama-quantize", termination: .exited(1), activity: "quantizing to Q2_K", logFile: "q.log", lastLines: "unknown type")
        await #expect {
            try await DiskSpace.writing(path, estimate: 1) { throw other }
        } throws: { error in
            error as? QuantizeError == other
        }
    }
}
