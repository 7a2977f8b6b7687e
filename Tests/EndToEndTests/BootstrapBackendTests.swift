import Foundation
import Testing

/// How `scripts/bootstrap` picks llama.cpp's backend, through its dry mode
/// (`QUANTORCH_BOOTSTRAP_DRY=backend`), which prints the choice and builds nothing.
///
/// This machine has no GPU and no CUDA toolkit, so `nvcc` and `nvidia-smi` are stand-in
/// scripts: the choice only asks whether they exist and whether `nvidia-smi -L` lists a GPU.
/// That the CUDA build itself configures, builds and runs can only be checked on a GPU machine.
@Suite struct BootstrapBackendTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A scratch folder with a `QUANTORCH_HOME`, a folder of fake CUDA tools, and a folder that
    /// links every program of /usr/bin except the real `nvcc` and `nvidia-smi`, so that a GPU
    /// machine's own toolkit cannot change what these tests see.
    struct Sandbox: ~Copyable {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-backend-\(UUID().uuidString)")
        var home: URL { folder.appending(path: "home") }
        var fakes: URL { folder.appending(path: "fakes") }
        var system: URL { folder.appending(path: "system") }
        /// Where the sandbox's CUDA_HOME points; empty unless a test puts an nvcc there.
        var cudaHome: URL { folder.appending(path: "cuda") }

        init() throws {
            for sub in [home, fakes, system, cudaHome.appending(path: "bin")] {
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: "/usr/bin") where !["nvcc", "nvidia-smi"].contains(name) {
                try FileManager.default.createSymbolicLink(atPath: system.appending(path: name).path, withDestinationPath: "/usr/bin/\(name)")
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// Writes an executable shell script `name` into `folder` that prints `output`.
        func fake(_ name: String, printing output: String, in folder: URL? = nil) throws {
            let script = (folder ?? fakes).appending(path: name)
            try Data("#!/bin/sh\nprintf '%s\\n' '\(output)'\n".utf8).write(to: script)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }

        /// Runs the bootstrap's dry mode; `backend` sets QUANTORCH_LLAMA_BACKEND when given.
        func choose(backend: String? = nil, portable: Bool = false) throws -> (status: Int32, output: String, fields: [String: String]) {
            var environment = ["PATH": "\(fakes.path):\(system.path)", "HOME": folder.path, "QUANTORCH_HOME": home.path,
                               "CUDA_HOME": cudaHome.path, "QUANTORCH_BOOTSTRAP_DRY": "backend"]
            if let backend { environment["QUANTORCH_LLAMA_BACKEND"] = backend }
            if portable { environment["QUANTORCH_LLAMA_PORTABLE"] = "1" }
            let (status, output) = try runCapturingOutput(BootstrapBackendTests.root.appending(path: "scripts/bootstrap"), environment: environment)
            var fields: [String: String] = [:]
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
            return (status, output, fields)
        }
    }

    static let gpuList = "GPU 0: NVIDIA H200 (UUID: GPU-00000000-0000-0000-0000-000000000000)"

    @Test func autoBuildsForCUDAWithNvccAndAGPUInItsOwnCacheFolder() throws {
        let sandbox = try Sandbox()
        let cpu = try sandbox.choose()
        try sandbox.fake("nvcc", printing: "Cuda compilation tools, release 12.4")
        try sandbox.fake("nvidia-smi", printing: Self.gpuList)
        let cuda = try sandbox.choose()
        #expect(cpu.status == 0 && cuda.status == 0, "\(cpu.output)\n\(cuda.output)")
        #expect(cpu.fields["backend"] == "cpu", "\(cpu.output)")
        #expect(cuda.fields["backend"] == "cuda", "\(cuda.output)")
        let cpuKey = try #require(cpu.fields["key"])
        #expect(cuda.fields["key"] == cpuKey + "-cuda", "\(cuda.output)")
        #expect(cpu.fields["llama_cpp"] == sandbox.home.appending(path: "llama.cpp-\(cpuKey)").path)
        #expect(cuda.fields["llama_cpp"] == sandbox.home.appending(path: "llama.cpp-\(cpuKey)-cuda").path)
    }

    @Test func autoStaysOnTheCPUWhenEitherTheToolkitOrTheGPUIsMissing() throws {
        let toolkitOnly = try Sandbox()
        try toolkitOnly.fake("nvcc", printing: "Cuda compilation tools, release 12.4")
        try toolkitOnly.fake("nvidia-smi", printing: "No devices were found")
        #expect(try toolkitOnly.choose().fields["backend"] == "cpu")
        let gpuOnly = try Sandbox()
        try gpuOnly.fake("nvidia-smi", printing: Self.gpuList)
        #expect(try gpuOnly.choose().fields["backend"] == "cpu")
    }

    @Test func nvccUnderCudaHomeCountsWhenItIsNotOnPath() throws {
        let sandbox = try Sandbox()
        try sandbox.fake("nvcc", printing: "Cuda compilation tools, release 12.4", in: sandbox.cudaHome.appending(path: "bin"))
        try sandbox.fake("nvidia-smi", printing: Self.gpuList)
        let chosen = try sandbox.choose()
        #expect(chosen.fields["backend"] == "cuda", "\(chosen.output)")
    }

    @Test func cpuCanBeForcedOnAMachineWithCUDA() throws {
        let sandbox = try Sandbox()
        try sandbox.fake("nvcc", printing: "Cuda compilation tools, release 12.4")
        try sandbox.fake("nvidia-smi", printing: Self.gpuList)
        let chosen = try sandbox.choose(backend: "cpu")
        #expect(chosen.fields["backend"] == "cpu")
        #expect(chosen.fields["key"]?.hasSuffix("-cuda") == false)
    }

    @Test func cudaWithoutNvccFailsWithOneLineNamingTheToolkitPackage() throws {
        let sandbox = try Sandbox()
        try sandbox.fake("nvidia-smi", printing: Self.gpuList)
        let chosen = try sandbox.choose(backend: "cuda")
        #expect(chosen.status == 2)
        let lines = chosen.output.split(separator: "\n")
        #expect(lines.count == 1, "\(chosen.output)")
        #expect(chosen.output.contains("nvcc") && chosen.output.contains("nvidia-cuda-toolkit"), "\(chosen.output)")
    }

    @Test func cudaWithoutAGPUNeedsThePortableBuild() throws {
        let sandbox = try Sandbox()
        try sandbox.fake("nvcc", printing: "Cuda compilation tools, release 12.4")
        let native = try sandbox.choose(backend: "cuda")
        #expect(native.status == 2)
        #expect(native.output.contains("QUANTORCH_LLAMA_PORTABLE=1"), "\(native.output)")
        let portable = try sandbox.choose(backend: "cuda", portable: true)
        #expect(portable.status == 0, "\(portable.output)")
        #expect(portable.fields["backend"] == "cuda")
        #expect(portable.fields["key"]?.hasSuffix("-portable-cuda") == true, "\(portable.output)")
    }

    @Test func anUnknownBackendIsRefused() throws {
        let chosen = try Sandbox().choose(backend: "rocm")
        #expect(chosen.status == 2)
        #expect(chosen.output.contains("cpu, cuda or auto"), "\(chosen.output)")
    }
}
