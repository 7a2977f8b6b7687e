import Foundation
import Testing
@testable import LlamaTools

struct TensorTypeMixTests {
    func info(_ tensors: [GGUFBuilder.Tensor], dataBytes: Int) throws -> GGUFInfo {
        let folder = try makeTemporaryFolder("mix")
        defer { try? FileManager.default.removeItem(at: folder) }
        var builder = GGUFBuilder()
        builder.metadata = [("general.architecture", .string("llama"))]
        builder.tensors = tensors
        let url = folder.appending(path: "m.gguf")
        try builder.build(dataBytes: dataBytes).write(to: url)
        return try GGUFInfo.read(url)
    }

    @Test func bytesFollowEachTypesBlocksAndBpwSeparatesQuantizedFromTheFile() throws {
        // 2 rows of 64 q8_0 weights: 2 blocks of 34 bytes a row; 16 f32 weights: 64 bytes.
        let info = try info([.init(name: "w", shape: [64, 2], type: 8, offset: 0), .init(name: "n", shape: [16], type: 0, offset: 160)],
                            dataBytes: 224)
        let mix = try #require(TensorTypeMix(info))
        #expect(mix.shares == [TensorTypeMix.Share(type: "q8_0", tensors: 1, bytes: 136, weights: 128, isQuantized: true),
                               TensorTypeMix.Share(type: "f32", tensors: 1, bytes: 64, weights: 16, isQuantized: false)])
        #expect(mix.quantizedBitsPerWeight == 8.5, "the f32 norm does not count")
        #expect(mix.fileBitsPerWeight == Double(info.fileSizeBytes * 8) / 144)
    }

    @Test func aTypeThisBuildCannotSizeGivesNoMix() throws {
        let info = try info([.init(name: "w", shape: [64, 2], type: 99, offset: 0)], dataBytes: 64)
        #expect(TensorTypeMix(info) == nil)
    }
}
