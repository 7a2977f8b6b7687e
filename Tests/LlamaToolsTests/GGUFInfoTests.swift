import Foundation
import Testing
@testable import LlamaTools

@Suite final class GGUFInfoTests {
    /// This test's files; Swift Testing makes one suite instance per test, so each test cleans up its own.
    private let folder: URL

    init() throws {
        folder = try makeTemporaryFolder("gguf")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A small valid file: every metadata value type, nested arrays, an f32 norm and a q8_0 matrix.
    static func sampleBuilder() -> GGUFBuilder {
        var builder = GGUFBuilder()
        builder.metadata = [
            ("general.architecture", .string("llama")),
            ("general.name", .string("Tiny")),
            ("general.file_type", .uint32(7)),
            ("llama.context_length", .uint64(2048)),
            ("llama.block_count", .uint32(1)),
            ("llama.rope.freq_base", .float32(10000)),
            ("llama.rms_eps", .float64(1e-5)),
            ("test.u8", .uint8(1)), ("test.i8", .int8(-1)), ("test.u16", .uint16(2)), ("test.i16", .int16(-2)),
            ("test.i32", .int32(-3)), ("test.i64", .int64(-4)), ("test.flag", .bool(true)),
            ("tokenizer.ggml.tokens", .array(tag: 8, [.string("<s>"), .string("a"), .string("bc")])),
            ("tokenizer.ggml.scores", .array(tag: 6, [.float32(0), .float32(-1), .float32(-2)])),
            ("test.nested", .array(tag: 9, [.array(tag: 4, [.uint32(1), .uint32(2)]), .array(tag: 4, [])])),
            ("tokenizer.chat_template", .string("{% for m in messages %}{{ m.content }}{% endfor %}")),
        ]
        builder.tensors = [
            .init(name: "output_norm.weight", shape: [64], type: 0, offset: 0),
            .init(name: "blk.0.ffn_up.weight", shape: [64, 32], type: 8, offset: 256),
        ]
        return builder
    }

    /// Bytes of tensor data the sample needs: 64 f32 (256 B), then 64×32 q8_0 = 64 blocks of 34 B.
    static let sampleDataBytes = 256 + 64 * 34

    private func write(_ data: Data, _ name: String = "model.gguf") throws -> URL {
        let url = folder.appending(path: name)
        try data.write(to: url)
        return url
    }

    @Test func readsEveryValueTypeAndTheTensorTable() throws {
        let url = try write(Self.sampleBuilder().build(dataBytes: Self.sampleDataBytes))
        let info = try GGUFInfo.read(url)
        #expect(info.version == 3)
        #expect(info.architecture == "llama")
        #expect(info.name == "Tiny")
        #expect(info.fileType == 7)
        #expect(info.contextLength == 2048)
        #expect(info.hasChatTemplate)
        #expect(info.tensorCount == 2)
        #expect(info.parameterCount == 64 + 64 * 32)
        #expect(info.tensorTypes == ["f32": 1, "q8_0": 1])
        #expect(info.isQuantized)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(info.fileSizeBytes == size)
        #expect(abs(info.bitsPerWeight - Double(size * 8) / Double(64 + 64 * 32)) < 1e-12)
    }

    @Test func floatOnlyModelIsNotQuantizedAndVersion2Reads() throws {
        var builder = GGUFBuilder()
        builder.version = 2
        builder.metadata = [("general.architecture", .string("qwen2"))]
        builder.tensors = [.init(name: "a", shape: [8, 4], type: 1, offset: 0), .init(name: "b", shape: [8], type: 30, offset: 64)]
        let info = try GGUFInfo.read(try write(builder.build(dataBytes: 80)))
        #expect(info.version == 2)
        #expect(!info.isQuantized)
        #expect(info.tensorTypes == ["f16": 1, "bf16": 1])
        #expect(info.contextLength == nil)
        #expect(!info.hasChatTemplate)
    }

    @Test func everyTruncationOfASmallFileIsAnErrorNotACrash() throws {
        let full = Self.sampleBuilder().build(dataBytes: Self.sampleDataBytes)
        let header = Self.sampleBuilder().build(dataBytes: 0).count
        let url = folder.appending(path: "cut.gguf")
        // Every cut inside the header, and a few inside the tensor data.
        for length in Array(0 ... header) + [header + 1, full.count / 2, full.count - 1] {
            try full.prefix(length).write(to: url)
            #expect(throws: GGUFError.self, "cut at \(length) of \(full.count) bytes") { try GGUFInfo.read(url) }
        }
    }

    @Test func dataCutShortIsReportedAsTruncated() throws {
        let url = try write(Self.sampleBuilder().build(dataBytes: Self.sampleDataBytes - 1))
        let error = try #require(throws: GGUFError.self) { try GGUFInfo.read(url) }
        guard case let .truncated(path, _, what) = error else { Issue.record("expected .truncated, got \(error)"); return }
        #expect(path == url.path)
        #expect(what.contains("blk.0.ffn_up.weight"))
        #expect(error.description.contains("truncated"))
    }

    @Test func textFileIsNotGGUF() throws {
        let url = try write(Data("hello, this is a text file\n".utf8), "notes.gguf")
        #expect(throws: GGUFError.notGGUF(path: url.path, found: "\"hell\"")) { try GGUFInfo.read(url) }
        let tiny = try write(Data([0x47, 0x47]), "two.gguf")
        #expect(throws: GGUFError.notGGUF(path: tiny.path, found: "only 2 bytes")) { try GGUFInfo.read(tiny) }
        let binary = try write(Data([0x7F, 0x45, 0x4C, 0x46, 0x02]), "elf.gguf")
        #expect(throws: GGUFError.notGGUF(path: binary.path, found: "0x7f454c46")) { try GGUFInfo.read(binary) }
    }

    @Test func missingFileAndFolderAreUnreadable() throws {
        let missing = folder.appending(path: "nope.gguf")
        let error = try #require(throws: GGUFError.self) { try GGUFInfo.read(missing) }
        #expect(error == .unreadable(path: missing.path, reason: "no such file"))
        #expect(throws: GGUFError.unreadable(path: folder.path, reason: "it is a directory")) { try GGUFInfo.read(folder) }
    }

    @Test func unsupportedVersions() throws {
        for (version, hint) in [(UInt32(1), "expected 2 or 3"), (4, "expected 2 or 3"), (0x0300_0000, "byte-swapped")] {
            var builder = Self.sampleBuilder()
            builder.version = version
            let url = try write(builder.build(dataBytes: Self.sampleDataBytes))
            let error = try #require(throws: GGUFError.self) { try GGUFInfo.read(url) }
            #expect(error == .unsupportedVersion(path: url.path, version: version))
            #expect(error.description.contains(hint))
        }
    }

    @Test func corruptCountsAreCaughtBeforeAllocating() throws {
        // Tensor count of 2^62 in an otherwise small file.
        var header = Data("GGUF".utf8) + le(UInt32(3)) + le(UInt64(1) << 62) + le(UInt64(0))
        header.append(Data(count: 64))
        let hugeTensors = try write(header)
        #expect(throws: GGUFError.self) { try GGUFInfo.read(hugeTensors) }
        let error = try #require(throws: GGUFError.self) { try GGUFInfo.read(hugeTensors) }
        guard case .corrupt = error else { Issue.record("expected .corrupt, got \(error)"); return }
        #expect(error.description.contains("tensor count"))

        // A metadata key claiming a length of 2^60 bytes.
        let hugeKey = try write(Data("GGUF".utf8) + le(UInt32(3)) + le(UInt64(0)) + le(UInt64(1)) + le(UInt64(1) << 60) + Data(count: 32))
        let keyError = try #require(throws: GGUFError.self) { try GGUFInfo.read(hugeKey) }
        guard case .corrupt = keyError else { Issue.record("expected .corrupt, got \(keyError)"); return }

        // A string array claiming 2^40 elements.
        var builder = GGUFBuilder()
        builder.metadata = [("tokenizer.ggml.tokens", .array(tag: 8, []))]
        var bytes = builder.build(dataBytes: 0)
        let countOffset = 4 + 4 + 8 + 8 + 8 + "tokenizer.ggml.tokens".utf8.count + 4 + 4
        bytes.replaceSubrange(countOffset ..< countOffset + 8, with: le(UInt64(1) << 40))
        let hugeArray = try write(bytes)
        let arrayError = try #require(throws: GGUFError.self) { try GGUFInfo.read(hugeArray) }
        #expect(arrayError.description.contains("tokenizer.ggml.tokens"))
    }

    @Test func invalidFieldsAreCorrupt() throws {
        var unknownValue = GGUFBuilder()
        unknownValue.metadata = [("general.name", .string("x"))]
        var bytes = unknownValue.build(dataBytes: 0)
        let tagOffset = 4 + 4 + 8 + 8 + 8 + "general.name".utf8.count
        bytes.replaceSubrange(tagOffset ..< tagOffset + 4, with: le(UInt32(77)))
        let error = try #require(throws: GGUFError.self) { try GGUFInfo.read(try write(bytes)) }
        #expect(error.description.contains("unknown value type 77"))

        var fiveDimensions = GGUFBuilder()
        fiveDimensions.tensors = [.init(name: "t", shape: [1, 1, 1, 1, 1], type: 0, offset: 0)]
        let dimensionError = try #require(throws: GGUFError.self) { try GGUFInfo.read(try write(fiveDimensions.build(dataBytes: 4))) }
        #expect(dimensionError.description.contains("5 dimensions"))

        var badRow = GGUFBuilder()
        badRow.tensors = [.init(name: "t", shape: [33, 2], type: 8, offset: 0)]
        let rowError = try #require(throws: GGUFError.self) { try GGUFInfo.read(try write(badRow.build(dataBytes: 1024))) }
        #expect(rowError.description.contains("not a multiple"))

        var overflow = GGUFBuilder()
        overflow.tensors = [.init(name: "t", shape: [1 << 40, 1 << 40], type: 0, offset: 0)]
        let overflowError = try #require(throws: GGUFError.self) { try GGUFInfo.read(try write(overflow.build(dataBytes: 0))) }
        #expect(overflowError.description.contains("overflows"))

        var noTensors = GGUFBuilder()
        noTensors.metadata = [("general.architecture", .string("llama"))]
        let vocabOnly = try write(noTensors.build(dataBytes: 0))
        #expect(throws: GGUFError.noTensors(path: vocabOnly.path)) { try GGUFInfo.read(vocabOnly) }
    }

    @Test func unknownTensorTypeIsNamedAndCountedAsQuantized() throws {
        var builder = GGUFBuilder()
        builder.tensors = [.init(name: "t", shape: [256], type: 99, offset: 0)]
        let info = try GGUFInfo.read(try write(builder.build(dataBytes: 0)))
        #expect(info.tensorTypes == ["type 99": 1])
        #expect(info.isQuantized)
        #expect(info.parameterCount == 256)
    }

    @Test(.enabled(if: RealToolchain.isAvailable), .timeLimit(.minutes(1)))
    func readsTheShippedSmolLM2() throws {
        let info = try GGUFInfo.read(RealToolchain.shippedModel)
        #expect(info.architecture == "llama")
        #expect(info.version == 3)
        // 30 blocks × 9 tensors, token embeddings, output norm (embeddings are tied: no output.weight).
        #expect(info.tensorCount == 272)
        // 49152×576 embeddings + 30 × 3,540,096 per block + 576 output norm.
        #expect(info.parameterCount == 134_515_008)
        #expect(info.tensorTypes.values.reduce(0, +) == 272)
        #expect((info.tensorTypes["q4_1"] ?? 0) > 0)
        #expect((info.tensorTypes["f32"] ?? 0) > 0)
        #expect(info.fileType == 3)
        #expect(info.contextLength == 8192)
        #expect(info.hasChatTemplate)
        #expect(info.isQuantized)
        #expect(info.fileSizeBytes == 98_362_432)
        #expect(abs(info.bitsPerWeight - 98_362_432.0 * 8 / 134_515_008) < 1e-9)
    }

    @Test(.enabled(if: RealToolchain.isAvailable), .timeLimit(.minutes(1)))
    func truncatedShippedModelIsAnError() throws {
        for length in [1 << 20, 98_362_432 - 4096] {
            let cut = folder.appending(path: "cut-\(length).gguf")
            try writePrefix(of: RealToolchain.shippedModel, bytes: length, to: cut)
            let error = try #require(throws: GGUFError.self) { try GGUFInfo.read(cut) }
            #expect(error.description.contains(cut.path))
            // Inside the vocabulary the next count overshoots the bytes left; past the header the data is short.
            #expect(error.description.contains("cut short") || error.description.contains("truncated"), "\(error)")
        }
    }
}

private func le<T: FixedWidthInteger>(_ value: T) -> Data {
    withUnsafeBytes(of: value.littleEndian) { Data($0) }
}
