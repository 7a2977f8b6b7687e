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

    /// A `toolchain.json` as the bootstrap writes it, with `backend` as its `llama_cpp_backend`
    /// (absent when nil, as in the manifests of bootstraps before the CUDA build).
    static func manifest(backend: String?, in home: URL) throws {
        let backendLine = backend.map { "\"llama_cpp_backend\": \"\($0)\", " } ?? ""
        let json = """
        {"llama_cpp": "\(home.path)/llama.cpp", "llama_cpp_build": "11434", "llama_cpp_mode": "native", \(backendLine)\
        "python": "/nonexistent/python", "models": "\(home.path)/models", "smollm2_gguf": "/nonexistent/a.gguf", \
        "smollm2_hf": "/nonexistent/hf", "fixture_hf": "/nonexistent/fixture", "corpus": "/nonexistent/corpus.txt"}
        """
        try Data(json.utf8).write(to: home.appending(path: "toolchain.json"))
    }

    @Test func theBootstrapsBackendIsReadAndAnOlderManifestReadsAsCPU() throws {
        let home = try makeTemporaryFolder("backend")
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["QUANTORCH_HOME": home.path, "PATH": "/usr/bin"]
        try Self.manifest(backend: nil, in: home)
        #expect(QuantorchHome(environment: env).manifest()?.llamaCppBackend == nil)
        #expect(Toolchain.locate(explicit: nil, environment: env).backend == .cpu)
        try Self.manifest(backend: "cuda", in: home)
        let toolchain = Toolchain.locate(explicit: nil, environment: env)
        #expect(toolchain.origin == .bootstrap)
        #expect(toolchain.backend == .cuda)
        try Self.manifest(backend: "cpu", in: home)
        #expect(Toolchain.locate(explicit: nil, environment: env).backend == .cpu)
    }

    /// For a folder the bootstrap did not build, ggml's CUDA library beside the binaries tells
    /// the backend. The library here is an empty stand-in: only its presence is read.
    @Test func aFolderWithGGMLsCUDALibraryIsACUDABuild() throws {
        let folder = try makeTemporaryFolder("cuda-bin")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Toolchain.locate(explicit: folder, environment: [:]).backend == .cpu)
        #expect(FileManager.default.createFile(atPath: folder.appending(path: "libggml-cuda.so").path, contents: Data()))
        #expect(Toolchain.locate(explicit: folder, environment: [:]).backend == .cuda)
    }

    @Test(.enabled(if: RealToolchain.isAvailable, "needs scripts/bootstrap"))
    func theBootstrapsToolchainHereIsACPUBuild() {
        // This machine has no GPU, so the bootstrap's auto choice was the CPU build.
        #expect(RealToolchain.toolchain.backend == .cpu)
    }
}
