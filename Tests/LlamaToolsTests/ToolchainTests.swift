import Foundation
import Testing
@testable import LlamaTools

@Suite struct ToolchainTests {
    @Test func emptyFolderNamesTheMissingBinary() throws {
        let empty = FileManager.default.temporaryDirectory.appending(path: "qo-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let toolchain = Toolchain.locate(explicit: empty, environment: ["PATH": "/usr/bin"])
        #expect(toolchain.origin == .option)
        #expect(toolchain.binary(.server) == nil)
        #expect(throws: ToolchainError.missingBinary(tool: .server, searched: "\(empty.path) (from --llama-cpp)")) {
            try toolchain.require(.server)
        }
    }

    @Test func checkoutLayoutUsesBuildBin() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "qo-checkout-\(UUID().uuidString)")
        let bin = root.appending(path: "build/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let server = bin.appending(path: "llama-server")
        #expect(FileManager.default.createFile(atPath: server.path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        #expect(FileManager.default.createFile(atPath: root.appending(path: "convert_hf_to_gguf.py").path, contents: Data()))
        let toolchain = Toolchain.locate(explicit: root, environment: [:])
        #expect(toolchain.binary(.server)?.path == server.path)
        #expect(toolchain.converterScript?.lastPathComponent == "convert_hf_to_gguf.py")
    }

    @Test func environmentBeatsBootstrapCache() {
        let toolchain = Toolchain.locate(explicit: nil, environment: ["QUANTORCH_LLAMA_CPP": "/nonexistent/llama", "QUANTORCH_HOME": "/nonexistent/home"])
        #expect(toolchain.origin == .environment)
    }
}
