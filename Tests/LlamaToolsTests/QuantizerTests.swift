import Foundation
import Testing
@testable import LlamaTools

@Suite(.enabled(if: RealToolchain.isAvailable)) struct QuantizerTests {
    @Test(.timeLimit(.minutes(10)))
    func sizeAndBitsFallAsTypesGetSmaller() async throws {
        let f16 = try GGUFInfo.read(try await SharedModels.shared.f16())
        let q8 = try GGUFInfo.read(try await SharedModels.shared.quantized("Q8_0"))
        let q4 = try GGUFInfo.read(try await SharedModels.shared.quantized("Q4_K_M"))
        #expect(q8.fileType == 7)
        #expect(q4.fileType == 15)
        #expect((q8.tensorTypes["q8_0"] ?? 0) > 0)
        #expect((q4.tensorTypes["q4_K"] ?? 0) > 0)
        #expect(f16.fileSizeBytes > q8.fileSizeBytes && q8.fileSizeBytes > q4.fileSizeBytes)
        #expect(f16.bitsPerWeight > q8.bitsPerWeight && q8.bitsPerWeight > q4.bitsPerWeight)
        // Norms stay f32 and the tied embeddings take a bigger type in the K mix, so a whole file
        // costs more per weight than the nominal block bpw.
        #expect(q8.bitsPerWeight >= 8.5)
        #expect(q4.bitsPerWeight >= 4.5)
        #expect(q8.parameterCount == f16.parameterCount && q4.parameterCount == f16.parameterCount)
    }

    @Test(.timeLimit(.minutes(5)))
    func shippedQ4_1IsRequantizedWithoutBeingAsked() async throws {
        let folder = try makeTemporaryFolder("requantize")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "q4_0.gguf")
        let log = folder.appending(path: "quantize.log")
        try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: RealToolchain.shippedModel,
                                     type: try QuantType(parsing: "Q4_0"), output: output, threads: 2, logFile: log)
        #expect(try GGUFInfo.read(output).fileType == 2)
        #expect(try String(contentsOf: log, encoding: .utf8).contains("--allow-requantize"))
    }

    @Test(.timeLimit(.minutes(10)))
    func importanceMatrixGuidesAQuantization() async throws {
        let shared = SharedModels.shared
        let folder = try makeTemporaryFolder("imatrix")
        defer { try? FileManager.default.removeItem(at: folder) }
        let matrix = folder.appending(path: "imatrix.gguf")
        let log = folder.appending(path: "imatrix.log")
        try await Quantizer.computeImportanceMatrix(toolchain: RealToolchain.toolchain, model: try await shared.f16(),
                                                    corpus: try await shared.corpusSlice(), output: matrix,
                                                    contextSize: SharedModels.contextSize, chunks: SharedModels.chunks,
                                                    threads: SharedModels.threads, logFile: log)
        #expect(try GGUFInfo.read(matrix).tensorCount > 0)
        let output = folder.appending(path: "q3.gguf")
        try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: try await shared.f16(), type: try QuantType(parsing: "Q3_K_S"),
                                     output: output, importanceMatrix: matrix, threads: 2, logFile: log)
        #expect(try GGUFInfo.read(output).fileType == 11)
        #expect(try String(contentsOf: log, encoding: .utf8).contains("--imatrix \(matrix.path)"))
    }

    @Test(.timeLimit(.minutes(2)))
    func badInputsAreClearErrors() async throws {
        let folder = try makeTemporaryFolder("badquant")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "quantize.log")
        let q8 = try QuantType(parsing: "Q8_0")
        let missing = folder.appending(path: "absent.gguf")
        await #expect(throws: QuantizeError.missingInput(what: "input model", path: missing.path)) {
            try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: missing, type: q8,
                                         output: folder.appending(path: "out.gguf"), threads: 2, logFile: log)
        }
        let text = folder.appending(path: "text.gguf")
        try Data("not a model at all".utf8).write(to: text)
        await #expect(throws: GGUFError.notGGUF(path: text.path, found: "\"not \"")) {
            try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: text, type: q8,
                                         output: folder.appending(path: "out.gguf"), threads: 2, logFile: log)
        }
        let truncated = folder.appending(path: "truncated.gguf")
        try writePrefix(of: RealToolchain.shippedModel, bytes: 50_000_000, to: truncated)
        let error = await #expect(throws: GGUFError.self) {
            try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: truncated, type: q8,
                                         output: folder.appending(path: "out.gguf"), threads: 2, logFile: log)
        }
        #expect(error?.description.contains("truncated") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "out.gguf").path))
    }

    @Test(.timeLimit(.minutes(2)))
    func toolKilledBySIGILLIsReportedWithTheCPUAdvice() async throws {
        let folder = try makeTemporaryFolder("sigill-quant")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "quantize.log")
        let output = folder.appending(path: "out.gguf")
        // kill(2) stands in for an instruction this CPU refuses, which cannot be provoked here.
        async let killed = ProcessFinder.signalFirst(SIGILL) { ServerTestSupport.runningProcesses(writingTo: log) }
        let error = await #expect(throws: QuantizeError.self) {
            try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: RealToolchain.shippedModel,
                                         type: try QuantType(parsing: "Q8_0"), output: output, threads: 2, logFile: log)
        }
        #expect(try await killed != nil)
        guard case let .toolFailed(tool, termination, activity, _, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(tool == "llama-quantize")
        #expect(termination == .signaled(ProcessSignal(SIGILL)))
        #expect(activity == "quantizing \(RealToolchain.shippedModel.lastPathComponent) to Q8_0")
        #expect(error?.description.hasPrefix("llama-quantize was killed by SIGILL (illegal instruction) while \(activity): this llama.cpp build uses CPU instructions this machine cannot run; run `quantorch doctor`") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
