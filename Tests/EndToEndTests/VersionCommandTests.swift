import Foundation
import LlamaTools
import Testing

/// `quantorch --version` names quantorch and the llama.cpp build, and works without a toolchain.
@Suite struct VersionCommandTests {
    @Test func withoutAToolchainItSaysNotFoundAndExitsZero() async throws {
        let home = FileManager.default.temporaryDirectory.appending(path: "qo-version-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await QuantorchBinary.run(["--version"], environment: [
            "QUANTORCH_HOME": home.path, "PATH": home.path, "QUANTORCH_LLAMA_CPP": "",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "quantorch 0.1.0 (llama.cpp: not found)\n")
    }

    @Test(.enabled(if: QuantorchHome().manifest() != nil, "needs the bootstrap's llama.cpp"))
    func withTheBootstrapToolchainItNamesTheBuild() async throws {
        let manifest = try #require(QuantorchHome().manifest())
        let result = try await QuantorchBinary.run(["--version"], environment: ["QUANTORCH_LLAMA_CPP": ""])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let flags = try #require(manifest.buildFlagsDescription, "the bootstrap records how it built llama.cpp")
        #expect(result.stdout == "quantorch 0.1.0 (llama.cpp build \(manifest.llamaCppBuild), \(flags))\n", "\(result.stdout)")
    }
}
