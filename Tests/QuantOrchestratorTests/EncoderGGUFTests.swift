import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// A GGUF whose `general.architecture` is an encoder is refused before any work.
@Suite struct EncoderGGUFTests {
    /// A one-tensor GGUF v3 with only `general.architecture` set (gguf.cpp's layout).
    static func gguf(architecture: String, at url: URL) throws {
        var data = Data("GGUF".utf8)
        func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func string(_ text: String) { u64(UInt64(text.utf8.count)); data.append(contentsOf: Array(text.utf8)) }
        u32(3); u64(1); u64(1)
        string("general.architecture"); u32(8); string(architecture)
        string("token_embd.weight"); u32(2); u64(32); u64(1); u32(0); u64(0)
        data.append(contentsOf: [UInt8](repeating: 0, count: (32 - data.count % 32) % 32 + 32 * 4))
        try data.write(to: url)
    }

    @Test func anEncoderGGUFIsRefusedNamingItsArchitecture() async throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let bert = sandbox.root.appending(path: "minilm.gguf")
        try Self.gguf(architecture: "bert", at: bert)
        let recipe = try sandbox.load(try sandbox.recipe(source: bert.path))
        #expect {
            try sandbox.plan(recipe, kind: .gguf)
        } throws: { error in
            (error as? PipelineError)?.isBadInput == true
                && "\(error)".contains("field 'general.architecture' is 'bert'") && "\(error)".contains("t5encoder")
        }
        let llama = sandbox.root.appending(path: "llama.gguf")
        try Self.gguf(architecture: "llama", at: llama)
        #expect(throws: Never.self) { try sandbox.plan(try sandbox.load(try sandbox.recipe(source: llama.path)), kind: .gguf) }
    }
}
