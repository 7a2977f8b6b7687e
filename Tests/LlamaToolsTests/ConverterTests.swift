import Foundation
import Testing
@testable import LlamaTools

@Suite(.enabled(if: RealToolchain.isAvailable)) struct ConverterTests {
    @Test(.timeLimit(.minutes(10)))
    func convertsTheCheckpointToF16() async throws {
        let f16 = try await SharedModels.shared.f16()
        let info = try GGUFInfo.read(f16)
        #expect(info.architecture == "llama")
        #expect(info.fileType == 1)
        #expect(!info.isQuantized)
        #expect((info.tensorTypes["f16"] ?? 0) > 0)
        #expect(info.parameterCount == 134_515_008)
        #expect(info.hasChatTemplate)
        #expect(info.contextLength == 8192)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: f16.deletingLastPathComponent().path)
            .filter { $0.contains(".partial") }
        #expect(leftovers.isEmpty)
        let log = try String(contentsOf: try await SharedModels.shared.log("convert"), encoding: .utf8)
        #expect(log.hasPrefix("$ "))
        #expect(log.contains("--outtype f16"))
    }

    @Test(.timeLimit(.minutes(1))) func folderChecksNameTheCause() throws {
        let folder = try makeTemporaryFolder("checkpoint")
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appending(path: "absent")
        #expect(throws: ConverterError.missingCheckpoint(path: missing.path)) { try Converter.checkFolder(missing) }
        #expect(throws: ConverterError.noConfig(folder: folder.path)) { try Converter.checkFolder(folder) }
        try Data(#"{"architectures": ["LlamaForCausalLM"]}"#.utf8).write(to: folder.appending(path: "config.json"))
        #expect(throws: ConverterError.noWeights(folder: folder.path)) { try Converter.checkFolder(folder) }
    }

    @Test(.timeLimit(.minutes(2)))
    func folderWithoutWeightsFailsBeforeRunningPython() async throws {
        let folder = try makeTemporaryFolder("noweights")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"architectures": ["LlamaForCausalLM"]}"#.utf8).write(to: folder.appending(path: "config.json"))
        let output = folder.appending(path: "out.gguf")
        await #expect(throws: ConverterError.noWeights(folder: folder.path)) {
            try await Converter.convert(toolchain: RealToolchain.toolchain, checkpoint: folder, outType: .f16,
                                        output: output, logFile: folder.appending(path: "convert.log"))
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test(.timeLimit(.minutes(5)))
    func unsupportedArchitectureIsNamed() async throws {
        let folder = try makeTemporaryFolder("unsupported")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"architectures": ["QuantorchTestForCausalLM"], "model_type": "quantorch_test"}"#.utf8)
            .write(to: folder.appending(path: "config.json"))
        try Self.tinySafetensors().write(to: folder.appending(path: "model.safetensors"))
        let output = folder.appending(path: "out.gguf")
        let log = folder.appending(path: "convert.log")
        await #expect(throws: ConverterError.unsupportedArchitecture("QuantorchTestForCausalLM", logFile: log.path)) {
            try await Converter.convert(toolchain: RealToolchain.toolchain, checkpoint: folder, outType: .f16, output: output, logFile: log)
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".partial") })
    }

    /// A valid safetensors file (little-endian header length, JSON header, data) with one f32 tensor.
    static func tinySafetensors() -> Data {
        let header = Data(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#.utf8)
        return withUnsafeBytes(of: UInt64(header.count).littleEndian) { Data($0) } + header + Data(count: 4)
    }

    @Test(.timeLimit(.minutes(1))) func missingPythonIsAToolchainError() async throws {
        let real = RealToolchain.toolchain
        let broken = Toolchain(origin: .option, binDirectory: real.binDirectory, converterScript: real.converterScript,
                               python: URL(fileURLWithPath: "/nonexistent/python"), build: nil)
        let folder = try makeTemporaryFolder("nopython")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{}".utf8).write(to: folder.appending(path: "config.json"))
        try Data(count: 16).write(to: folder.appending(path: "model.safetensors"))
        await #expect(throws: ToolchainError.missingPython("/nonexistent/python")) {
            try await Converter.convert(toolchain: broken, checkpoint: folder, outType: .f16,
                                        output: folder.appending(path: "out.gguf"), logFile: folder.appending(path: "convert.log"))
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func converterKilledBySIGILLIsReportedWithTheCPUAdvice() async throws {
        let folder = try makeTemporaryFolder("sigill-convert")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "convert.log")
        let output = folder.appending(path: "out.gguf")
        // kill(2) stands in for an instruction this CPU refuses (a torch built for other CPUs),
        // which cannot be provoked here.
        async let killed = ProcessFinder.signalFirst(SIGILL) { ServerTestSupport.runningProcesses(writingTo: log) }
        let error = await #expect(throws: ConverterError.self) {
            try await Converter.convert(toolchain: RealToolchain.toolchain, checkpoint: RealToolchain.checkpoint, outType: .f16,
                                        output: output, logFile: log)
        }
        #expect(try await killed != nil)
        guard case let .converterFailed(termination, checkpoint, logFile, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(termination == .signaled(ProcessSignal(SIGILL)))
        #expect(checkpoint == RealToolchain.checkpoint.path)
        #expect(logFile == log.path)
        #expect(error?.description.hasPrefix("convert_hf_to_gguf.py was killed by SIGILL (illegal instruction) while converting \(checkpoint): its Python or one of its packages (torch, numpy) uses CPU instructions this machine cannot run; run `quantorch doctor`") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
